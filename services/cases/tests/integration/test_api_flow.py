"""The cases API driven as staff would, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from services.cases.tests.conftest import VALID_CPR, auth

CW = auth("caseworker")
LEADER = auth("leader", sub="lea")


def ago(**delta: float) -> str:
    """A time that has passed: what happened is never recorded in the future."""
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def post(client: TestClient, path: str, body: dict[str, object], headers: dict[str, str] = CW):
    return client.post(path, json=body, headers=headers)


def test_a_newcomer_walks_a_case_up_the_staircase(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    base = f"/cases/{case_id}"
    r = post(
        client,
        f"{base}/relatives",
        {
            "name": "Karen Hansen",
            "relation": "daughter",
            "legal_role": "guardian",
            "channels": {"email": "karen@example.dk"},
            "preferred_channel": "email",
        },
    )
    assert r.status_code == 201, r.text
    relative = r.json()["id"]
    for scope in ("invite_to_meetings", "send_messages"):
        r = post(
            client,
            f"{base}/relatives/{relative}/consents/grant",
            {"scope": scope, "form": "written"},
        )
        assert r.status_code == 200, r.text
    r = post(
        client,
        f"{base}/move-in-conversation/schedule",
        {"conversation_at": ago(days=2, hours=1)},
    )
    assert r.status_code == 200, r.text
    r = post(
        client,
        f"{base}/move-in-conversation/hold",
        {
            "held_at": ago(days=2),
            "covered_items": ["finances", "medicine"],
            "agreements": [
                {"topic": "Weekly call", "responsible": "Karen", "due_date": "2031-06-01"}
            ],
            "participant_relative_ids": [relative],
        },
    )
    assert r.status_code == 200, r.text
    plan = {
        "focus_areas": ["handling_plan", "conflict_management"],
        "review_date": "2031-07-01",
        "actions": [{"action": "Meeting with Karen", "owner": "anna", "due_date": "2031-06-10"}],
    }
    r = post(
        client,
        f"{base}/level-assessments",
        {
            "level": 3,
            "characteristics": ["difficult_dialogue"],
            "justification": "Tense calls",
            "plan": plan,
        },
    )
    assert r.status_code == 201, r.text
    r = post(
        client,
        f"{base}/incidents",
        {
            "kind": "threat",
            "against": "staff",
            "occurred_at": ago(hours=1),
            "description": "Threatened a carer",
        },
    )
    assert r.status_code == 201, r.text
    state = client.get(base, headers=CW).json()
    assert state["level"] == 4
    assert state["leader_required"] is True
    r = post(client, f"{base}/leader", {}, headers=LEADER)
    assert r.status_code == 200, r.text
    state = client.get(base, headers=CW).json()
    assert state["leader"] == "lea" and state["leader_required"] is False
    history = client.get(f"{base}/history", headers=auth("auditor")).json()
    types = [h["type"] for h in history]
    assert types[:3] == ["Opened", "RelativeAdded", "ConsentGranted"]
    assert "LevelAssessed" in types and "IncidentReported" in types
    system = [h for h in history if h["type"] == "LevelAssessed" and h["actor"] == "system"]
    assert system and system[0]["data"]["level"] == 4
    assert [h["version"] for h in history] == list(range(1, len(history) + 1))
    assert all("cpr" not in h["data"] for h in history)


def test_every_command_answers_with_version_and_etag(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    r = post(client, f"/cases/{case_id}/dialogue-notes", {"kind": "phone", "summary": "Call"})
    assert r.status_code == 201
    assert r.json()["version"] == 2
    assert r.headers["ETag"] == '"2"'
    g = client.get(f"/cases/{case_id}", headers=CW)
    assert g.headers["ETag"] == '"2"' and g.json()["version"] == 2


def test_stale_if_match_is_a_409_with_the_current_version(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    body = {"kind": "meeting", "summary": "Met"}
    ok = client.post(
        f"/cases/{case_id}/dialogue-notes", json=body, headers={**CW, "If-Match": '"1"'}
    )
    assert ok.status_code == 201
    stale = client.post(
        f"/cases/{case_id}/dialogue-notes", json=body, headers={**CW, "If-Match": '"1"'}
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "version_conflict"
    assert stale.json()["details"]["current_version"] == 2
    assert client.get(f"/cases/{case_id}", headers=CW).json()["version"] == 2


def test_one_case_per_citizen_and_tilbud(client: TestClient, open_case: Callable[..., str]) -> None:
    open_case(tilbud_id="lyngen")
    again = post(
        client, "/cases", {"cpr": VALID_CPR, "tilbud_id": "lyngen", "setting": "nursing_home"}
    )
    assert again.status_code == 409
    assert again.json()["code"] == "case_exists"


def test_closed_case_accepts_only_reopen(client: TestClient, open_case: Callable[..., str]) -> None:
    case_id = open_case()
    assert post(client, f"/cases/{case_id}/close", {"reason": "moved"}).status_code == 200
    r = post(client, f"/cases/{case_id}/dialogue-notes", {"kind": "phone", "summary": "x"})
    assert r.status_code == 422 and r.json()["code"] == "case_closed"
    assert post(client, f"/cases/{case_id}/reopen", {"reason": "came back"}).status_code == 200
    assert client.get(f"/cases/{case_id}", headers=CW).json()["status"] == "open"


def test_history_names_events_by_their_public_type_without_internals(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    post(client, f"/cases/{case_id}/close", {"reason": "moved"})
    r = client.get(f"/cases/{case_id}/history", headers=auth("auditor"))
    assert r.status_code == 200, r.text
    history = r.json()
    assert [(h["version"], h["type"]) for h in history] == [(1, "Opened"), (2, "Closed")]
    opened = history[0]["data"]
    assert "originator_topic" not in opened and "cpr" not in opened
    assert opened["tilbud_id"] and opened["setting"] == "residential_offer"
    internal = {"originator_topic", "originator_id", "originator_version", "envelope", "timestamp"}
    assert all(not internal & set(h["data"]) for h in history)
    assert not any("services.cases" in str(v) for h in history for v in h["data"].values())
