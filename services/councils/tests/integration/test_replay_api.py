"""Replay and the audit feed belong to the councils service: ``GET /councils/{id}
?as_of_version=N`` / ``?as_of=TIME`` (role auditor), ``GET /audit/events``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.application import project_aggregate
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from services.councils.adapters.wire import to_wire
from services.councils.entrypoints.schemas import StatePublic
from services.councils.tests.conftest import ADMIN, FRAME, auth

AUDITOR = auth("auditor", "aud")


def _busy_council(client: TestClient, form: Callable[..., str], electorate: Any) -> str:
    electorate("tilbud-r", ["ann", "bo", "cai", "dea"])
    council_id = form(tilbud_id="tilbud-r", relatives=2)
    base = f"/councils/{council_id}"
    assert client.post(f"{base}/frame", json={**FRAME, "tasks": "Nye"}, headers=ADMIN).is_success
    election = client.post(f"{base}/elections", json={"held_on": "2030-03-01"}, headers=ADMIN)
    election_id = election.json()["result"]
    for who in ("ann", "bo", "cai"):
        client.post(
            f"{base}/elections/{election_id}/candidates", json={"relative_id": who}, headers=ADMIN
        )
    client.post(f"{base}/elections/{election_id}/open-voting", headers=ADMIN)
    vote = {"voter_id": "dea", "candidate_id": "bo"}
    client.post(f"{base}/elections/{election_id}/votes", json=vote, headers=ADMIN)
    client.post(f"{base}/elections/{election_id}/close", headers=ADMIN)
    meeting = {"kind": "council_meeting", "at": "2030-04-01T17:00:00+02:00", "agenda": ["Valg"]}
    client.post(f"{base}/meetings", json=meeting, headers=ADMIN)
    return council_id


def test_replay_as_of_every_version_equals_the_state_that_event_left(
    client: TestClient, form_council: Callable[..., str], electorate: Any
) -> None:
    council_id = _busy_council(client, form_council, electorate)
    app = client.app.state.service.app  # type: ignore[attr-defined]
    events = list(app.repository.event_store.get(UUID(council_id)))
    assert len(events) >= 5
    for n in range(1, len(events) + 1):
        council = project_aggregate(None, events[:n])
        assert council is not None
        expected = jsonable_encoder(StatePublic(**council.to_state()))
        r = client.get(f"/councils/{council_id}?as_of_version={n}", headers=AUDITOR)
        assert r.status_code == 200, r.text
        assert (r.headers["ETag"], r.json()) == (f'"{n}"', expected), f"version {n}"
    at = events[0].timestamp.isoformat()
    first = client.get(f"/councils/{council_id}", params={"as_of": at}, headers=AUDITOR)
    assert first.status_code == 200 and first.json()["version"] >= 1
    denied = client.get(f"/councils/{council_id}?as_of_version=1", headers=ADMIN)
    assert denied.status_code == 403
    beyond = client.get(f"/councils/{council_id}?as_of_version=999", headers=AUDITOR)
    assert (beyond.status_code, beyond.json()["code"]) == (422, "version_out_of_range")


def test_the_audit_feed_gives_every_published_event_in_wire_form(
    client: TestClient, form_council: Callable[..., str], electorate: Any
) -> None:
    _busy_council(client, form_council, electorate)
    app = client.app.state.service.app  # type: ignore[attr-defined]
    expected = []
    for n in app.recorder.select_notifications(start=1, limit=10_000):
        wire = to_wire(app.mapper.to_domain_event(n))
        if wire is not None:
            expected.append((f"{n.originator_id}:{n.originator_version}", wire.ce_type()))
    body = client.get("/audit/events", params={"limit": 5000}, headers=AUDITOR).json()
    assert [(e["ce_id"], e["ce_type"]) for e in body["events"]] == expected
    assert body["more"] is False
    assert client.get("/audit/events", headers=ADMIN).status_code == 403
