"""A read with ``min_version`` of a case no event has ever mentioned still waits (its
first event may be on its way) but then says so: check the id."""

from __future__ import annotations

from uuid import uuid4

from fastapi.testclient import TestClient

from tests.api.conftest import auth


def test_an_id_the_read_side_never_saw_is_told_apart_from_a_projection_behind(
    readside: TestClient, cases: TestClient
) -> None:
    unknown = readside.get(f"/cases/{uuid4()}", params={"min_version": 1}, headers=auth())
    assert unknown.status_code == 503
    body = unknown.json()
    assert body["code"] == "projection_behind"
    assert body["message"].startswith("No event for this case has reached the read side")
    assert "check the id" in body["message"]
    assert body["details"]["case_seen"] is False

    opened = {"cpr": "0707614285", "tilbud_id": "lyngen", "setting": "nursing_home"}
    case_id = cases.post("/cases", json=opened, headers=auth()).json()["case_id"]
    from services.readside.tests.casefeed import feed

    feed(cases.app.state.service.app, readside.app.state.service.ingestor)  # type: ignore[attr-defined]
    behind = readside.get(f"/cases/{case_id}", params={"min_version": 2}, headers=auth())
    assert behind.status_code == 503
    assert behind.json()["details"]["case_seen"] is True
    assert behind.json()["details"]["projected_version"] == 1
    assert "check the id" not in behind.json()["message"]
