"""Leader hirings per citizen centre and training over the API (SQLite)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, LEADER, auth

STAFF = auth("caseworker", "s-1")
NORD = "mso-omraade-nord"


def hire(client: TestClient, centre: str, **body: Any) -> tuple[int, str]:
    payload = {
        "hiring_id": "h1",
        "position": "tilbud_leader",
        "hired_on": "2021-03-01",
        "relatives": {"focus_group": 4},
        "decided_by": "mso-nord-chef",
        **body,
    }
    r = client.post(f"/leader-hirings/{centre}", json=payload, headers=LEADER)
    return r.status_code, r.json().get("code", "")


def test_hirings_per_centre_against_the_target(client: TestClient) -> None:
    assert hire(client, "no-such-centre") == (422, "unknown_centre")
    assert hire(client, NORD, decided_by="s-1") == (422, "not_hiring_authority")
    r = client.post(f"/leader-hirings/{NORD}", json={}, headers=STAFF)
    assert r.status_code == 403
    assert hire(client, NORD)[0] == 201
    assert hire(client, NORD) == (422, "hiring_exists")
    assert hire(client, NORD, hiring_id="h2", decided_by="mso-direktoer", relatives={})[0] == 201
    view = client.get(f"/leader-hirings/{NORD}", headers=STAFF).json()
    assert (view["with_relatives_in_pilot"], view["target_met"]) == (1, False)
    assert [h["hiring_id"] for h in view["hirings"]] == ["h1", "h2"]
    assert hire(client, NORD, hiring_id="h3", relatives={"hiring_committee": 2})[0] == 201
    assert client.get(f"/leader-hirings/{NORD}", headers=STAFF).json()["target_met"] is True
    empty = client.get("/leader-hirings/mso-omraade-syd", headers=STAFF).json()
    assert (empty["hirings"], empty["target_met"]) == ([], False)
    assert client.get("/leader-hirings/nowhere", headers=STAFF).status_code == 422


def test_sessions_and_onboardings(client: TestClient) -> None:
    session = {
        "session_id": "k1",
        "audience": "staff",
        "held_on": "2031-02-01",
        "participants": [{"staff_id": "s-1", "tilbud_id": "lyngen"}],
    }
    assert client.post("/training/sessions", json=session, headers=STAFF).status_code == 403
    assert client.post("/training/sessions", json=session, headers=ADMIN).status_code == 201
    r = client.post("/training/sessions", json=session, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "session_exists")
    bad = {
        **session,
        "session_id": "k2",
        "participants": [{"staff_id": "s", "tilbud_id": "Ukendt"}],
    }
    r = client.post("/training/sessions", json=bad, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "unknown_tilbud")
    onboarding = {"staff_id": "s-1", "tilbud_id": "lyngen", "on": "2031-02-01"}
    r = client.post(
        "/training/onboardings", json={**onboarding, "expectations_included": False}, headers=LEADER
    )
    assert (r.status_code, r.json()["code"]) == (422, "expectations_missing")
    r = client.post(
        "/training/onboardings", json={**onboarding, "expectations_included": True}, headers=LEADER
    )
    assert r.status_code == 201
    view = client.get("/training", headers=STAFF).json()
    assert (view["trained_per_tilbud"], view["onboarded"]) == ({"lyngen": 1}, 1)
