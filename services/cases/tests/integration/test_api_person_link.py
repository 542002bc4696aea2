"""A caseworker links a relative entry to a person (an opaque id from POST /persons),
through the API on both stores; the link is an event with ids only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case

CW = auth("caseworker")


def test_a_relative_is_linked_to_a_person_once_and_a_cpr_is_refused(client: TestClient) -> None:
    case = drive_case(client)
    created = client.post("/persons", headers=CW)
    assert created.status_code == 201, created.text
    person_id = created.json()["person_id"]
    url = f"/cases/{case.case_id}/relatives/{case.karen}/person"
    r = client.post(url, json={"person_id": person_id}, headers=CW)
    assert r.status_code == 200, r.text
    again = client.post(url, json={"person_id": person_id}, headers=CW)
    assert (again.status_code, again.json()["code"]) == (422, "relative_already_linked")
    cpr = client.post(url, json={"person_id": "0101011234"}, headers=CW)
    assert (cpr.status_code, cpr.json()["code"]) == (422, "invalid_request")
    assert "0101011234" not in cpr.text
    unknown = client.post(
        f"/cases/{case.case_id}/relatives/nobody/person", json={"person_id": person_id}, headers=CW
    )
    assert unknown.status_code in (404, 422) and unknown.json()["code"] == "unknown_relative"
    assert client.post("/persons").status_code == 401
