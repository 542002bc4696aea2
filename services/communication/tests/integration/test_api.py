"""The API as staff use it: message log, preferences, newsletters, surveys, theme evenings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.builders import CaseStream, as_fact
from services.communication.tests.conftest import auth

COMMS = auth("communications", "mette")
CASEWORKER = auth("caseworker")


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def case(client: TestClient) -> CaseStream:
    """A case at tilbud lyngen with relatives a (consent), b (no consent), c (consent)."""
    s = CaseStream("lyngen")
    inbound = client.app.state.service.inbound  # type: ignore[attr-defined]
    for ce_id, event in [
        s.opened(),
        s.relative("a"),
        s.consent("a"),
        s.relative("b"),
        s.relative("c"),
        s.consent("c"),
    ]:
        inbound.when_case_event(*as_fact((ce_id, event)))
    return s


def test_message_log_per_case_and_relative(client: TestClient, case: CaseStream) -> None:
    r = client.get(f"/cases/{case.case_id}/messages", headers=CASEWORKER)
    assert r.status_code == 200
    assert sorted((m["recipient_id"], m["kind"], m["status"]) for m in r.json()) == [
        ("a", "welcome", "queued"),
        ("c", "welcome", "queued"),
    ]
    r = client.get(f"/cases/{case.case_id}/relatives/a/messages", headers=CASEWORKER)
    assert [m["recipient_id"] for m in r.json()] == ["a"]
    message_id = r.json()[0]["message_id"]
    message = client.get(f"/messages/{message_id}", headers=CASEWORKER).json()
    assert message["channel"] is None  # chosen when it is sent, from the cases service's answer
    assert client.get("/cases/nope/messages", headers=CASEWORKER).json()["code"] == "case_not_found"
    assert (
        client.get(f"/cases/{case.case_id}/messages", headers=auth("integration")).status_code
        == 403
    )


def test_newsletter_goes_to_consenting_relatives_and_respects_opt_outs(
    client: TestClient, case: CaseStream
) -> None:
    r = client.put(
        f"/cases/{case.case_id}/relatives/c/preferences",
        json={"opt_out_kinds": ["newsletter"]},
        headers=CASEWORKER,
    )
    assert r.status_code == 200
    body = {
        "newsletter_id": "n1",
        "tilbud_ids": ["lyngen"],
        "subject": "Sommerfest",
        "body": "Kom til sommerfest.",
    }
    r = client.post("/newsletters", json=body, headers=COMMS)
    assert r.status_code == 201 and r.json() == {"id": "n1", "recipients": 1}
    assert client.post("/newsletters", json=body, headers=COMMS).status_code == 409
    assert client.post("/newsletters", json=body, headers=CASEWORKER).status_code == 403
    r = client.post("/newsletters", json={**body, "tilbud_ids": []}, headers=COMMS)
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    log = client.get(f"/cases/{case.case_id}/relatives/a/messages", headers=COMMS).json()
    assert "Sommerfest" in [m["subject"] for m in log]


def test_preferences_validate_the_channel(client: TestClient, case: CaseStream) -> None:
    url = f"/cases/{case.case_id}/relatives/a/preferences"
    r = client.put(url, json={"preferred_channel": "phone"}, headers=CASEWORKER)
    assert r.status_code == 422 and r.json()["code"] == "channel_not_known"
    r = client.put(url, json={"interests": ["finances"]}, headers=CASEWORKER)
    assert client.get(url, headers=CASEWORKER).json()["interests"] == ["finances"]
    r = client.put(f"/cases/{case.case_id}/relatives/zz/preferences", json={}, headers=CASEWORKER)
    assert r.status_code == 404 and r.json()["code"] == "relative_not_found"


def test_survey_rounds_are_every_fourth_year(client: TestClient, case: CaseStream) -> None:
    r = client.post("/survey-rounds", json={"tilbud_id": "lyngen", "year": 2031}, headers=COMMS)
    assert r.status_code == 201 and r.json()["recipients"] == 2
    r = client.post("/survey-rounds", json={"tilbud_id": "lyngen", "year": 2033}, headers=COMMS)
    assert r.status_code == 422 and r.json()["code"] == "survey_round_too_soon"
    r = client.post("/survey-rounds", json={"tilbud_id": "lyngen", "year": 2035}, headers=COMMS)
    assert r.status_code == 201


def test_theme_evening_lifecycle(client: TestClient, case: CaseStream) -> None:
    client.put(
        f"/cases/{case.case_id}/relatives/a/preferences",
        json={"interests": ["health"]},
        headers=CASEWORKER,
    )
    body = {
        "evening_id": "e1",
        "title": "Sundhed",
        "topic": "health",
        "organiser": "relatives_organisation",
        "organiser_name": "LEV Aarhus",
        "starts_at": "2031-04-01T19:00:00+02:00",
        "location": "Aarhus",
        "capacity": 1,
    }
    r = client.post("/theme-evenings", json=body, headers=COMMS)
    assert r.status_code == 201 and r.headers["ETag"] == '"1"'
    assert client.post("/theme-evenings", json=body, headers=COMMS).status_code == 409
    bad = client.post(
        "/theme-evenings", json={**body, "evening_id": "e2", "topic": "golf"}, headers=COMMS
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_topic"
    stale = client.post("/theme-evenings/e1/announce", headers={**COMMS, "If-Match": '"7"'})
    assert stale.status_code == 409 and stale.headers["ETag"] == '"1"'
    r = client.post("/theme-evenings/e1/announce", headers={**COMMS, "If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["invitations"] == 1  # only a is interested
    regs = [
        client.post(
            "/theme-evenings/e1/registrations",
            headers=auth("integration"),
            json={"name": n, "email": f"{n}@x.dk"},
        ).json()
        for n in ("p", "q")
    ]
    assert [x["status"] for x in regs] == ["registered", "waitlisted"]
    r = client.post(
        "/theme-evenings/e1/registrations", json={"name": "z", "email": "nope"}, headers=COMMS
    )
    assert r.status_code == 422
    r = client.delete(
        f"/theme-evenings/e1/registrations/{regs[0]['registration_id']}", headers=COMMS
    )
    assert r.status_code == 204
    r = client.get("/theme-evenings/e1", headers=COMMS).json()
    assert (r["seats_taken"], r["waiting"]) == (1, 0)
    assert client.post("/theme-evenings/e1/cancel", headers=COMMS).json()["status"] == "cancelled"
    r = client.post(
        "/theme-evenings/e1/registrations", json={"name": "y", "email": "y@x.dk"}, headers=COMMS
    )
    assert r.status_code == 409 and r.json()["code"] == "theme_evening_cancelled"
    assert client.get("/theme-evenings/nope", headers=COMMS).status_code == 404


def test_easy_read_letters_for_the_citizen(client: TestClient, case: CaseStream) -> None:
    r = client.put(f"/cases/{case.case_id}/easy-read", json={"easy_read": True}, headers=CASEWORKER)
    assert r.status_code == 204
    inbound = client.app.state.service.inbound  # type: ignore[attr-defined]
    inbound.when_case_event(*as_fact(case.move_in([])))
    log = client.get(f"/cases/{case.case_id}/messages", headers=CASEWORKER).json()
    letter = next(m for m in log if m["recipient_type"] == "citizen")
    assert letter["subject"].endswith("(let læst)")
    assert (
        client.put(
            "/cases/nope/easy-read", json={"easy_read": True}, headers=CASEWORKER
        ).status_code
        == 404
    )
