"""Only a user with role ``leader`` appoints, or is appointed as, the responsible leader."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth

CW = auth("caseworker", sub="anna")
LEA = auth("leader", sub="lea")
BO = auth("leader", sub="bo")
LEVEL_4 = {
    "level": 4,
    "characteristics": ["missing_dialogue"],
    "justification": "No contact",
    "plan": {"focus_areas": ["clear_plan"], "review_date": "2031-08-01"},
}


def state(client: TestClient, case_id: str) -> dict[str, Any]:
    return client.get(f"/cases/{case_id}", headers=CW).json()  # type: ignore[no-any-return]


def assess(client: TestClient, case_id: str, headers: dict[str, str], **extra: Any) -> Any:
    return client.post(
        f"/cases/{case_id}/level-assessments", json={**LEVEL_4, **extra}, headers=headers
    )


def test_a_caseworker_cannot_appoint_a_leader_in_a_level_assessment(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    r = assess(client, case_id, CW, leader="bob")
    assert r.status_code == 403 and r.json()["code"] == "leader_role_required", r.text
    s = state(client, case_id)
    assert (s["version"], s["leader"], s["level"]) == (1, None, None)
    history = client.get(f"/cases/{case_id}/history", headers=CW).json()
    assert [h["type"] for h in history] == ["Opened"]


def test_a_leader_appoints_themself_in_a_level_assessment(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    r = assess(client, case_id, LEA, leader="bob")
    assert r.status_code == 403 and r.json()["code"] == "leader_role_required", r.text
    r = assess(client, case_id, LEA, leader="lea")
    assert r.status_code == 201, r.text
    s = state(client, case_id)
    assert (s["level"], s["leader"], s["leader_required"]) == (4, "lea", False)


def test_a_level_assessment_never_replaces_the_assigned_leader(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    assert client.post(f"/cases/{case_id}/leader", json={}, headers=LEA).status_code == 200
    r = assess(client, case_id, CW, leader="anna")
    assert r.status_code == 403 and r.json()["code"] == "leader_role_required"
    r = assess(client, case_id, BO, leader="bo")
    assert r.status_code == 409 and r.json()["code"] == "leader_already_assigned", r.text
    assert state(client, case_id)["leader"] == "lea"
    # Replacing is an explicit act of the new leader.
    assert client.post(f"/cases/{case_id}/leader", json={}, headers=BO).status_code == 200
    assert state(client, case_id)["leader"] == "bo"


def test_the_leader_endpoint_appoints_only_the_calling_leader(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    r = client.post(f"/cases/{case_id}/leader", json={"leader": "bob"}, headers=CW)
    assert r.status_code == 403
    r = client.post(f"/cases/{case_id}/leader", json={"leader": "bob"}, headers=LEA)
    assert r.status_code == 403 and r.json()["code"] == "leader_role_required", r.text
    r = client.post(f"/cases/{case_id}/leader", json={"leader": "lea"}, headers=LEA)
    assert r.status_code == 200, r.text
    assert state(client, case_id)["leader"] == "lea"
