"""One person, one vote through the councils' cases consumer and API: the parent of two
residents, linked to one person on both cases, is counted once, votes once and stands
once (both stores)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from services.councils.adapters.cases_events import electorate_handler
from services.councils.tests.conftest import ADMIN
from shared.contracts import cases
from shared.kafka.cloudevents import InboundEvent

TILBUD = "tilbud-1"
PARENT = uuid.uuid4()


def _inbound(event: cases.CaseEvent) -> InboundEvent:
    return InboundEvent(
        id=f"{event.case_id}:{event.case_version}",
        type=event.ce_type(),
        source=cases.SOURCE,
        subject=str(event.case_id),
        time=event.occurred_at,
        data=event.model_dump(mode="json"),
        extensions={},
    )


def _parent_of_two() -> list[cases.CaseEvent]:
    common: dict[str, Any] = {"tilbud_id": TILBUD, "occurred_at": datetime.now(UTC), "actor": "cw"}
    events: list[cases.CaseEvent] = []
    for case_id, relatives in ((uuid.uuid4(), ["ra", "x"]), (uuid.uuid4(), ["rb", "y"])):
        events.append(
            cases.CaseOpened(**common, case_id=case_id, case_version=1, setting="nursing_home")
        )
        for version, rid in enumerate(relatives, start=2):
            events.append(
                cases.RelativeAdded(
                    **common,
                    case_id=case_id,
                    case_version=version,
                    relative_id=rid,
                    legal_role="none",
                    channel_kinds=[],
                )
            )
        events.append(
            cases.RelativeLinkedToPerson(
                **common,
                case_id=case_id,
                case_version=4,
                relative_id=relatives[0],
                person_id=PARENT,
            )
        )
    return events


def test_the_parent_of_two_is_one_voter_and_one_candidate(
    client: TestClient, form_council: Callable[..., str]
) -> None:
    handle = electorate_handler(client.app.state.commands)  # type: ignore[attr-defined]

    async def consume() -> None:
        for event in _parent_of_two():
            await handle(_inbound(event), None)  # type: ignore[arg-type]

    asyncio.run(consume())
    council_id = form_council(relatives=2)
    r = client.get(f"/councils/{council_id}/electorate", headers=ADMIN)
    assert r.json()["size"] == 3 and r.json()["relative_ids"] == ["ra", "rb", "x", "y"]
    base = f"/councils/{council_id}/elections"
    election_id = client.post(base, json={"held_on": "2030-03-01"}, headers=ADMIN).json()["result"]
    cand = f"{base}/{election_id}/candidates"
    assert client.post(cand, json={"relative_id": "ra"}, headers=ADMIN).status_code == 200
    r = client.post(cand, json={"relative_id": "rb"}, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "person_already_candidate")
    assert client.post(cand, json={"relative_id": "x"}, headers=ADMIN).status_code == 200
    client.post(f"{base}/{election_id}/open-voting", headers=ADMIN)
    votes = f"{base}/{election_id}/votes"
    r = client.post(votes, json={"voter_id": "rb", "candidate_id": "x"}, headers=ADMIN)
    assert r.status_code == 200
    r = client.post(votes, json={"voter_id": "ra", "candidate_id": "x"}, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "person_already_voted")
    r = client.post(votes, json={"voter_id": "y", "candidate_id": "ra"}, headers=ADMIN)
    assert r.status_code == 200
