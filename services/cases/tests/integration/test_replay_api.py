"""Replay and the audit feed belong to the cases service: ``GET /cases/{id}?as_of_version=N``
and ``?as_of=TIME`` (role auditor, access-logged), ``GET /audit/events``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.application import project_aggregate
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from services.cases.adapters.wire import to_wire
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.entrypoints.responses import CasePublic
from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case
from shared.config import CommonSettings

AUDITOR = auth("auditor", sub="aud")


@pytest.fixture
def snappy(store_url: str) -> Any:
    """The API with a snapshot every 3 events, so replay crosses snapshots."""
    settings = CasesSettings(database_url=store_url, common=CommonSettings(), snapshot_interval=3)
    with TestClient(create_app(settings)) as c:
        yield c


def _left_by(events: list[Any]) -> dict[str, Any]:
    """The state the last of ``events`` left, folded from the first event on."""
    case = project_aggregate(None, events)
    assert case is not None
    state: dict[str, Any] = jsonable_encoder(
        CasePublic.model_validate(case.to_state(case.modified_on))
    )
    return state


def test_replay_as_of_every_version_equals_the_state_that_event_left(snappy: TestClient) -> None:
    driven = drive_case(snappy)
    app = snappy.app.state.service.app  # type: ignore[attr-defined]
    events = list(app.repository.event_store.get(UUID(driven.case_id)))
    assert len(events) > 10
    for n in range(1, len(events) + 1):
        r = snappy.get(f"/cases/{driven.case_id}?as_of_version={n}", headers=AUDITOR)
        assert r.status_code == 200, r.text
        assert r.headers["ETag"] == f'"{n}"'
        assert r.json() == _left_by(events[:n]), f"version {n}"
    latest = snappy.get(f"/cases/{driven.case_id}", headers=AUDITOR).json()
    assert latest["version"] == len(events)


def test_replay_as_of_a_time_is_the_last_version_recorded_by_then(client: TestClient) -> None:
    driven = drive_case(client)
    app = client.app.state.service.app  # type: ignore[attr-defined]
    events = list(app.repository.event_store.get(UUID(driven.case_id)))
    url = f"/cases/{driven.case_id}"
    for n in (1, len(events) // 2, len(events)):
        at = events[n - 1].timestamp
        r = client.get(url, params={"as_of": at.isoformat()}, headers=AUDITOR)
        assert r.status_code == 200, r.text
        assert r.json()["version"] >= n  # events of one command share an instant
        assert r.headers["X-Recorded-At"].startswith(at.date().isoformat())
    before = events[0].timestamp - timedelta(seconds=1)
    r = client.get(url, params={"as_of": before.isoformat()}, headers=AUDITOR)
    assert r.status_code == 422 and r.json()["code"] == "before_case_opened"


def test_replay_is_for_auditors_is_logged_and_answers_bad_versions(client: TestClient) -> None:
    driven = drive_case(client)
    url = f"/cases/{driven.case_id}"
    denied = client.get(f"{url}?as_of_version=1", headers=auth("caseworker"))
    assert denied.status_code == 403
    assert client.get(f"{url}?as_of_version=1", headers=AUDITOR).status_code == 200
    beyond = client.get(f"{url}?as_of_version=9999", headers=AUDITOR)
    assert beyond.status_code == 422 and beyond.json()["code"] == "version_out_of_range"
    nobody = client.get(
        "/cases/00000000-0000-0000-0000-000000000001?as_of_version=1", headers=AUDITOR
    )
    assert nobody.status_code == 404
    log = client.get(f"{url}/access-log", headers=AUDITOR).json()["entries"]
    assert [e["endpoint"] for e in log if e["actor"] == "aud"] == ["GET /cases/{case_id}"] * 2


def test_the_audit_feed_gives_every_published_event_in_wire_form(client: TestClient) -> None:
    driven = drive_case(client)
    app = client.app.state.service.app  # type: ignore[attr-defined]
    expected = [
        (str(e.originator_id), e.originator_version, w.ce_type(), w.model_dump(mode="json"))
        for e in app.repository.event_store.get(UUID(driven.case_id))
        if (w := to_wire(e)) is not None
    ]
    seen: list[tuple[str, int, str, dict[str, Any]]] = []
    after, more = 0, True
    while more:
        page = client.get("/audit/events", params={"after": after, "limit": 4}, headers=AUDITOR)
        assert page.status_code == 200, page.text
        body = page.json()
        seen += [(e["aggregate_id"], e["version"], e["ce_type"], e["data"]) for e in body["events"]]
        assert all(e["ce_id"] == f"{e['aggregate_id']}:{e['version']}" for e in body["events"])
        after, more = body["next_after"], body["more"]
    assert seen == expected
    assert client.get("/audit/events", headers=auth("caseworker")).status_code == 403
