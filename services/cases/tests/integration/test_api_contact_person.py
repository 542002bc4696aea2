"""The contact person and relatives' involvement through the API (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case

CW = auth("caseworker")
COMMS = auth("communications", sub="svc-communication")


def test_the_contact_person_is_assigned_changed_and_named_to_communication(
    client: TestClient,
) -> None:
    case = drive_case(client)
    url = f"/cases/{case.case_id}/contact-person"
    first = client.put(url, json={"staff_id": "staff-7", "display_name": "Mette Holm"}, headers=CW)
    assert first.status_code == 200, first.text
    again = client.put(url, json={"staff_id": "staff-7", "display_name": "Mette Holm"}, headers=CW)
    assert again.status_code == 409 and again.json()["code"] == "contact_person_unchanged"
    second = client.put(url, json={"staff_id": "staff-9", "display_name": "Jonas Berg"}, headers=CW)
    assert second.status_code == 200, second.text
    view = client.get(f"/cases/{case.case_id}", headers=CW).json()
    assert view["contact_person"]["staff_id"] == "staff-9"
    assert view["contact_person"]["display_name"] == "Jonas Berg"
    assert [p["staff_id"] for p in view["contact_person_history"]] == ["staff-7"]
    contact = client.get(f"/cases/{case.case_id}/relatives/{case.karen}/contact", headers=COMMS)
    assert contact.status_code == 200, contact.text
    assert contact.json()["contact_person_name"] == "Jonas Berg"
    assert contact.json()["contact_person_staff_id"] == "staff-9"
    blank = client.put(url, json={"staff_id": "staff-1"}, headers=CW)
    assert blank.status_code == 422 and blank.json()["code"] == "invalid_request"
    assert client.put(url, json={"staff_id": "s", "display_name": "x"}).status_code == 401


def test_an_involvement_is_recorded_and_a_future_day_refused(client: TestClient) -> None:
    case = drive_case(client)
    url = f"/cases/{case.case_id}/involvements"
    kinds = client.get("/catalogue/involvement-kinds", headers=CW).json()
    assert {"code": "care_decision", "label_da": "Beslutning om pleje og omsorg"}.items() <= (
        kinds[0].items()
    )
    today = datetime.now(UTC).date()
    body = {
        "involvement_id": "inv-1",
        "kind": "care_decision",
        "involved_on": (today - timedelta(days=3)).isoformat(),
        "relative_ids": [case.karen],
    }
    made = client.post(url, json=body, headers=CW)
    assert made.status_code == 201, made.text
    view = client.get(f"/cases/{case.case_id}", headers=CW).json()
    assert view["involvements"][0]["relative_ids"] == [case.karen]
    future = {**body, "involvement_id": "inv-2", "involved_on": str(today + timedelta(days=3))}
    refused = client.post(url, json=future, headers=CW)
    assert refused.status_code == 422 and refused.json()["code"] == "time_in_future"
    unknown = client.post(url, json={**body, "involvement_id": "inv-3", "kind": "x"}, headers=CW)
    assert unknown.status_code == 422 and unknown.json()["code"] == "invalid_involvement_kind"
    stranger = {**body, "involvement_id": "inv-4", "relative_ids": ["nobody"]}
    assert client.post(url, json=stranger, headers=CW).json()["code"] == "relative_not_found"
    twice = client.post(url, json=body, headers=CW)
    assert twice.status_code == 409 and twice.json()["code"] == "involvement_exists"
