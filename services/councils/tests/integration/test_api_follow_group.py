"""The follow group before it is formed: a 404 that says so, declared in the OpenAPI."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, LEADER

NOT_FORMED = ("follow_group_not_found", "no follow group has been formed yet")


def test_the_follow_group_before_it_is_formed_says_so(client: TestClient) -> None:
    r = client.get("/follow-group", headers=ADMIN)
    assert r.status_code == 404, r.text
    assert (r.json()["code"], r.json()["message"]) == NOT_FORMED
    body = {"person_ref": "fg-1", "role": "relative"}
    r = client.post("/follow-group/members", json=body, headers=LEADER)
    assert r.status_code == 404, r.text
    assert (r.json()["code"], r.json()["message"]) == NOT_FORMED
    r = client.post("/follow-group/members/m1/remove", json={}, headers=LEADER)
    assert r.status_code == 404 and r.json()["message"] == NOT_FORMED[1]
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    assert "404" in paths["/follow-group"]["get"]["responses"]
    assert "404" in paths["/follow-group/members"]["post"]["responses"]
