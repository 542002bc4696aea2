"""The survey rounds' list: per round the tilbud, year, status, invitations and answers
(the response rate), for the survey staff and leaders; counts only (both stores)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.communication.config import CommunicationSettings
from services.communication.domain.message import FAILED, SENT
from services.communication.entrypoints.api import create_app
from services.communication.tests.builders import CaseStream, as_fact
from services.communication.tests.conftest import auth

COMMS = auth("communications", "mette")


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    """Rounds at lyngen 2031 and 2027 (relatives a and c consent, b does not: two invited
    each) and at egely 2030 (nobody to invite); a group of two is published."""
    settings.survey_min_group = 2
    with TestClient(create_app(settings)) as c:
        s = CaseStream("lyngen")
        inbound = c.app.state.service.inbound  # type: ignore[attr-defined]
        for step in [s.opened(), s.relative("a"), s.consent("a"), s.relative("b")]:
            inbound.when_case_event(*as_fact(step))
        for step in [s.relative("c"), s.consent("c")]:
            inbound.when_case_event(*as_fact(step))
        for tilbud, year in [("lyngen", 2027), ("egely", 2030), ("lyngen", 2031)]:
            r = c.post("/survey-rounds", json={"tilbud_id": tilbud, "year": year}, headers=COMMS)
            assert r.status_code == 201
        yield c


def _answer(client: TestClient, ref: str, scores: dict[str, int]) -> None:
    r = client.post(
        "/surveys/lyngen/2031/responses",
        json={"respondent_ref": ref, "scores": scores},
        headers=COMMS,
    )
    assert r.status_code == 201


def _deliver(client: TestClient, *outcomes: str) -> None:
    """The waiting invitations of lyngen 2031 done with, one outcome each."""
    store = client.app.state.service.store  # type: ignore[attr-defined]
    with store.transaction() as tx:
        ids = [
            m.message_id for m in tx.messages(limit=1000) if m.trigger_id == "survey:lyngen:2031"
        ]
        for message_id, outcome in zip(ids, outcomes, strict=True):
            tx.mark(message_id, outcome, now="2031-03-01T10:00:00.000000Z")


def _rounds(client: TestClient, query: str = "", headers: Any = COMMS) -> Any:
    r = client.get(f"/survey-rounds{query}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_each_round_with_its_invited_answered_and_response_rate(client: TestClient) -> None:
    page = _rounds(client)
    assert (page["total"], page["limit"], page["offset"]) == (3, 50, 0)
    assert [(r["tilbud_id"], r["year"]) for r in page["items"]] == [
        ("lyngen", 2031), ("egely", 2030), ("lyngen", 2027)
    ]  # fmt: skip
    newest, empty, _ = page["items"]
    assert newest["started_at"] and newest["started_at"].endswith("Z")
    assert {k: newest[k] for k in ("status", "invited", "answered", "response_rate")} == {
        "status": "inviting", "invited": 2, "answered": 0, "response_rate": 0.0
    }  # fmt: skip
    assert newest["invitations"] == {"waiting": 2, "sent": 0, "failed": 0, "suppressed": 0}
    assert {k: empty[k] for k in ("status", "started_at", "invited", "response_rate")} == {
        "status": "collecting", "started_at": None, "invited": 0, "response_rate": None
    }  # fmt: skip

    _deliver(client, SENT, FAILED)
    _answer(client, "r1", {"overall": 4, "informed": 5})
    one = client.get("/survey-rounds/lyngen/2031", headers=COMMS).json()
    assert (one["status"], one["answered"], one["response_rate"]) == ("collecting", 1, 0.5)
    assert one["invitations"] == {"waiting": 0, "sent": 1, "failed": 1, "suppressed": 0}

    _answer(client, "r2", {"overall": 3})  # two answered "overall": its result is published
    one = client.get("/survey-rounds/lyngen/2031", headers=COMMS).json()
    assert (one["status"], one["answered"], one["response_rate"]) == ("published", 2, 1.0)
    assert one == _rounds(client)["items"][0]
    assert "r1" not in str(one)  # counts only: no respondent named


def test_paged_and_by_tilbud(client: TestClient) -> None:
    page = _rounds(client, "?limit=1&offset=1")
    assert [(r["tilbud_id"], r["year"]) for r in page["items"]] == [("egely", 2030)]
    assert (page["total"], page["limit"], page["offset"]) == (3, 1, 1)
    lyngen = _rounds(client, "?tilbud_id=lyngen")
    assert [r["year"] for r in lyngen["items"]] == [2031, 2027] and lyngen["total"] == 2
    assert _rounds(client, "?tilbud_id=skoven") == {
        "items": [], "total": 0, "limit": 50, "offset": 0
    }  # fmt: skip
    assert _rounds(client, "?offset=9")["items"] == []


def test_who_may_read_and_what_is_refused(client: TestClient) -> None:
    assert _rounds(client, headers=auth("leader"))["total"] == 3
    one = client.get("/survey-rounds/egely/2030", headers=auth("leader"))
    assert one.status_code == 200 and one.json()["invited"] == 0
    for role in ("caseworker", "auditor", "integration", "follow_group"):
        r = client.get("/survey-rounds", headers=auth(role))
        assert (r.status_code, r.json()["code"]) == (403, "forbidden"), role
    assert client.get("/survey-rounds").status_code == 401
    r = client.get("/survey-rounds/lyngen/2029", headers=COMMS)
    assert (r.status_code, r.json()["code"]) == (404, "survey_round_not_found")
    assert client.get("/survey-rounds/lyngen/1999", headers=COMMS).status_code == 422
    assert client.get("/survey-rounds?limit=0", headers=COMMS).status_code == 422
    spec = client.get("/openapi.json").json()["paths"]
    assert {"200", "401", "403", "422"} <= set(spec["/survey-rounds"]["get"]["responses"])
    assert {"200", "403", "404"} <= set(
        spec["/survey-rounds/{tilbud_id}/{year}"]["get"]["responses"]
    )
