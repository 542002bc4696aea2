"""Every remaining command endpoint, as staff use them, on both stores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth

CW = auth("caseworker")


def post(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    r = client.post(path, json=body, headers=CW)
    assert r.status_code in (200, 201), r.text
    return r.json()


def state(client: TestClient, case_id: str) -> dict[str, Any]:
    return client.get(f"/cases/{case_id}", headers=CW).json()  # type: ignore[no-any-return]


def add_relative(client: TestClient, case_id: str) -> str:
    body = {"name": "Ole", "relation": "son", "channels": {"phone": "+4512345678"}}
    return str(post(client, f"/cases/{case_id}/relatives", body)["id"])


def test_relatives_are_updated_and_removed_with_their_consents(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    rid = add_relative(client, case_id)
    post(client, f"/cases/{case_id}/relatives/{rid}/update", {"relation": "grandson"})
    post(
        client,
        f"/cases/{case_id}/relatives/{rid}/consents/grant",
        {"scope": "send_messages", "form": "oral"},
    )
    post(
        client,
        f"/cases/{case_id}/relatives/{rid}/consents/withdraw",
        {"scope": "send_messages", "form": "oral"},
    )
    r = client.post(
        f"/cases/{case_id}/relatives/{rid}/consents/withdraw",
        json={"scope": "send_messages", "form": "oral"},
        headers=CW,
    )
    assert r.status_code == 422 and r.json()["code"] == "consent_not_granted"
    relatives = state(client, case_id)["relatives"]
    assert relatives[0]["relation"] == "grandson"
    post(client, f"/cases/{case_id}/relatives/{rid}/remove", {"reason": "moved abroad"})
    assert state(client, case_id)["relatives"] == []


def test_agreements_are_made_kept_and_broken(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    a1 = post(
        client,
        f"/cases/{case_id}/agreements",
        {"topic": "Laundry", "responsible": "staff", "due_date": "2031-06-01"},
    )["id"]
    a2 = post(client, f"/cases/{case_id}/agreements", {"topic": "Visits", "responsible": "Ole"})[
        "id"
    ]
    post(client, f"/cases/{case_id}/agreements/{a1}/kept", {})
    post(client, f"/cases/{case_id}/agreements/{a2}/broken", {"note": "did not come"})
    r = client.post(f"/cases/{case_id}/agreements/{a2}/kept", headers=CW)
    assert r.status_code == 422 and r.json()["code"] == "agreement_already_settled"
    agreements = {a["agreement_id"]: a for a in state(client, case_id)["agreements"]}
    assert agreements[a1]["status"] == "kept" and agreements[a2]["status"] == "broken"


def test_a_retried_request_with_the_same_id_is_a_conflict(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    body = {"agreement_id": "a-1", "topic": "Laundry", "responsible": "staff"}
    post(client, f"/cases/{case_id}/agreements", body)
    r = client.post(f"/cases/{case_id}/agreements", json=body, headers=CW)
    assert r.status_code == 409 and r.json()["code"] == "agreement_exists"


def test_handling_plan_is_set_revised_and_reviewed(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    plan = {
        "focus_areas": ["clear_frames"],
        "review_date": "2031-08-01",
        "actions": [{"action": "Call weekly", "owner": "anna"}],
    }
    post(client, f"/cases/{case_id}/handling-plan", plan)
    post(
        client,
        f"/cases/{case_id}/handling-plan",
        {**plan, "focus_areas": ["clear_division_of_roles"]},
    )
    post(
        client,
        f"/cases/{case_id}/handling-plan/reviews",
        {"notes": "Going better", "next_review_date": "2031-09-01"},
    )
    s = state(client, case_id)
    assert s["handling_plan"]["revision"] == 2
    assert s["handling_plan"]["focus_areas"] == ["clear_division_of_roles"]


def test_complaints_show_overdue_first_contact_then_resolve(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    rid = add_relative(client, case_id)
    received = (datetime.now(UTC) - timedelta(hours=30)).isoformat()
    cid = post(
        client,
        f"/cases/{case_id}/complaints",
        {
            "received_at": received,
            "complainant": rid,
            "channel": "letter",
            "summary": "Food is cold",
        },
    )["id"]
    complaint = state(client, case_id)["complaints"][0]
    assert complaint["overdue"] is True
    post(client, f"/cases/{case_id}/complaints/{cid}/first-contact", {})
    assert state(client, case_id)["complaints"][0]["overdue"] is False
    post(
        client,
        f"/cases/{case_id}/complaints/{cid}/resolve",
        {"outcome": "upheld", "resolution": "New routine"},
    )
    r = client.post(
        f"/cases/{case_id}/complaints/{cid}/resolve",
        json={"outcome": "upheld", "resolution": "again"},
        headers=CW,
    )
    assert r.status_code == 422 and r.json()["code"] == "complaint_already_resolved"


def test_handover_network_and_level_de_escalation(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    post(
        client,
        f"/cases/{case_id}/handover",
        {
            "deliverables": "Daily support",
            "expectations": "More outings",
            "legal_differences": ["use of force rules differ for adults"],
        },
    )
    post(
        client,
        f"/cases/{case_id}/network-relations",
        {"kind": "re_established", "category": "family", "description": "Cousin visits"},
    )
    post(
        client,
        f"/cases/{case_id}/level-assessments",
        {"level": 2, "characteristics": ["dissatisfaction"], "justification": "Complaints"},
    )
    r = client.post(
        f"/cases/{case_id}/level-assessments",
        headers=CW,
        json={"level": 1, "characteristics": ["good_dialogue"], "justification": " "},
    )
    assert r.status_code == 422 and r.json()["code"] == "justification_required"
    post(
        client,
        f"/cases/{case_id}/level-assessments",
        {"level": 1, "characteristics": ["good_dialogue"], "justification": "Calmer"},
    )
    s = state(client, case_id)
    assert s["level"] == 1 and len(s["network_relations"]) == 1 and s["handover"]


def test_level_four_needs_a_leader(client: TestClient, open_case: Callable[..., str]) -> None:
    case_id = open_case()
    body = {
        "level": 4,
        "characteristics": ["missing_dialogue"],
        "justification": "No contact",
        "plan": {"focus_areas": ["clear_plan"], "review_date": "2031-08-01"},
    }
    r = client.post(f"/cases/{case_id}/level-assessments", json=body, headers=CW)
    assert r.status_code == 422 and r.json()["code"] == "leader_required"
    lea = auth("leader", sub="lea")
    r = client.post(
        f"/cases/{case_id}/level-assessments", json={**body, "leader": "lea"}, headers=lea
    )
    assert r.status_code == 201, r.text
    assert state(client, case_id)["leader"] == "lea"


def test_a_complaint_from_an_unknown_relative_is_refused(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    rid = add_relative(client, case_id)
    body = {"complainant": "no-such-relative", "channel": "phone", "summary": "Food"}
    r = client.post(f"/cases/{case_id}/complaints", json=body, headers=CW)
    assert r.status_code == 422 and r.json()["code"] == "unknown_complainant", r.text
    assert r.json()["details"]["field"] == "complainant"
    for who in (rid, "citizen", "other"):
        post(client, f"/cases/{case_id}/complaints", {**body, "complainant": who})
    complainants = [c["complainant"] for c in state(client, case_id)["complaints"]]
    assert sorted(complainants) == sorted([rid, "citizen", "other"])
