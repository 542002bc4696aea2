"""GET /cases/{id}/relatives/{rid}/contact: how the communication service reaches a relative."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case

COMMS = auth("communications", sub="svc-communication")


def test_communications_reads_contact_and_current_consent(client: TestClient) -> None:
    case = drive_case(client)
    url = f"/cases/{case.case_id}/relatives/{case.karen}/contact"
    r = client.get(url, headers=COMMS)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["name"] == "Karen Kvistgaard-Hansen"
    assert body["channels"]["email"] == "karen.kvistgaard@example.dk"
    assert body["preferred_channel"] == "email"
    assert body["consents"] == ["invite_to_meetings"]
    assert body["erased"] is False and body["case_status"] == "open"
    assert client.get(url, headers=auth("leader")).status_code == 200
    assert client.get(url, headers=auth("auditor")).status_code == 403
    assert client.get(url).status_code == 401
    missing = client.get(f"/cases/{case.case_id}/relatives/nobody/contact", headers=COMMS)
    assert missing.status_code == 404 and missing.json()["code"] == "relative_not_found"


def test_an_erased_relative_answers_erased_with_no_personal_data(client: TestClient) -> None:
    case = drive_case(client)
    erased = client.post(
        f"/privacy/subjects/relative:{case.case_id}:{case.karen}/erase",
        json={"reason": "data_subject_request"},
        headers=auth("privacy_officer"),
    )
    assert erased.status_code == 200, erased.text
    r = client.get(f"/cases/{case.case_id}/relatives/{case.karen}/contact", headers=COMMS)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["erased"] is True and body["erased_at"]
    assert body["name"] is None and body["channels"] == {}
    assert not any(s in r.text for s in case.secrets["karen"])
