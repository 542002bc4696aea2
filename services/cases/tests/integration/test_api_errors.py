"""Bad input gets a clear answer and changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth

CW = auth("caseworker")


def test_no_token_is_401_and_wrong_role_is_403(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    assert client.get(f"/cases/{case_id}").status_code == 401
    assert (
        client.get(f"/cases/{case_id}", headers={"Authorization": "Bearer nope"}).status_code == 401
    )
    r = client.post(f"/cases/{case_id}/close", json={"reason": "moved"}, headers=auth("auditor"))
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    r = client.post(f"/cases/{case_id}/leader", json={}, headers=CW)
    assert r.status_code == 403
    assert client.get("/healthz").status_code == 200


def test_unknown_case_is_404(client: TestClient) -> None:
    unknown = uuid.uuid4()
    assert client.get(f"/cases/{unknown}", headers=CW).json()["code"] == "case_not_found"
    r = client.post(f"/cases/{unknown}/close", json={"reason": "moved"}, headers=CW)
    assert r.status_code == 404 and r.json()["code"] == "case_not_found"


def test_invalid_cpr_is_422_and_the_number_is_not_echoed(client: TestClient) -> None:
    r = client.post(
        "/cases",
        json={"cpr": "3213991234", "tilbud_id": "t", "setting": "nursing_home"},
        headers=CW,
    )
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_cpr"
    assert "3213991234" not in r.text


def test_malformed_body_is_422_invalid_request(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    r = client.post(f"/cases/{case_id}/level-assessments", json={"level": "high"}, headers=CW)
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_request" and body["message"]
    assert client.get(f"/cases/{case_id}", headers=CW).json()["version"] == 1


def test_broken_rule_is_422_with_stable_code(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    r = client.post(
        f"/cases/{case_id}/level-assessments",
        json={"level": 3, "characteristics": ["difficult_dialogue"], "justification": "x"},
        headers=CW,
    )
    assert r.status_code == 422 and r.json()["code"] == "plan_required"
    r = client.post(
        f"/cases/{case_id}/move-in-conversation/hold",
        json={"held_at": "2031-01-01T10:00:00Z", "covered_items": ["finances"]},
        headers=CW,
    )
    assert r.json()["code"] == "move_in_not_scheduled"
    assert client.get(f"/cases/{case_id}", headers=CW).json()["version"] == 1


def test_catalogue_is_served(client: TestClient) -> None:
    cat = client.get("/catalogue/staircase", headers=CW).json()
    assert [lvl["level"] for lvl in cat["levels"]] == [1, 2, 3, 4]
