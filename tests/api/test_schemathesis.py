"""schemathesis against every service's OpenAPI: no server error, and every answer's
status, media type and body as declared. Real stores, valid ids seeded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter, Response
from fastapi.testclient import TestClient

from shared.config import CommonSettings
from shared.http.app import build_app
from tests.api.conftest import CASE, EVENING, auth
from tests.api.fuzz import EXAMPLES, fuzz, report

pytestmark = pytest.mark.slow


def _seed_cases(client: TestClient) -> dict[str, str]:
    h = auth()
    case_id = client.post("/cases", json=CASE, headers=h).json()["case_id"]
    relative = {"relative_id": "r1", "name": "Bodil", "relation": "daughter"}
    client.post(f"/cases/{case_id}/relatives", json=relative, headers=h)
    agreement = {"agreement_id": "a1", "topic": "visits", "responsible": "staff"}
    client.post(f"/cases/{case_id}/agreements", json=agreement, headers=h)
    complaint = {"complaint_id": "k1", "complainant": "r1", "channel": "email", "summary": "x"}
    client.post(f"/cases/{case_id}/complaints", json=complaint, headers=h)
    return {"case_id": case_id, "relative_id": "r1", "agreement_id": "a1", "complaint_id": "k1"}


def test_the_cases_api_answers_as_its_openapi_says(cases: TestClient) -> None:
    started = time.monotonic()
    statuses, failures = fuzz(cases, _seed_cases(cases), EXAMPLES["cases"])
    report("cases", statuses, failures, started)


def _seed_communication(client: TestClient) -> dict[str, Any]:
    from services.communication.tests.builders import CaseStream, as_fact

    stream = CaseStream("lyngen")
    inbound = client.app.state.service.inbound  # type: ignore[attr-defined]
    for ce_id, event in [stream.opened(), stream.relative("r1"), stream.consent("r1")]:
        inbound.when_case_event(*as_fact((ce_id, event)))
    h = auth()
    client.post("/theme-evenings", json=EVENING, headers=h)
    client.post("/theme-evenings/ev1/announce", headers=h)  # sign-ups open once announced
    registration = {"name": "Bodil", "email": "b@example.dk"}
    reg = client.post("/theme-evenings/ev1/registrations", json=registration, headers=h)
    newsletter = {"tilbud_ids": ["lyngen"], "subject": "Nyt", "body": "Hej"}
    client.post("/newsletters", json=newsletter, headers=h)
    client.post("/survey-rounds", json={"tilbud_id": "lyngen", "year": 2031}, headers=h)
    messages = client.get(f"/cases/{stream.case_id}/messages", headers=h).json()
    return {
        "case_id": str(stream.case_id),
        "relative_id": "r1",
        "evening_id": "ev1",
        "registration_id": reg.json().get("registration_id", "x"),
        "message_id": messages[0]["message_id"] if messages else "x",
        "tilbud_id": "lyngen",  # the survey round (GET /survey-rounds/{tilbud_id}/{year})
        "year": 2031,
    }


def test_the_communication_api_answers_as_its_openapi_says(
    communication: TestClient,
) -> None:
    started = time.monotonic()
    seeds = _seed_communication(communication)
    statuses, failures = fuzz(communication, seeds, EXAMPLES["communication"])
    report("communication", statuses, failures, started)


@pytest.fixture
def readside_client(tmp_path: Path, cases: TestClient) -> Iterator[TestClient]:
    from services.readside.config import ReadsideSettings
    from services.readside.entrypoints.api import create_app
    from services.readside.tests.casefeed import owner

    settings = ReadsideSettings(
        database_url=f"sqlite:///{tmp_path}/readside.sqlite",
        min_version_wait_ms=50,
        councils_api_url="",
    )
    app = create_app(settings)
    app.state.service.audit.owners = {"cases": owner("cases", cases)}  # the real API
    with TestClient(app) as client:
        yield client


def test_the_read_api_answers_as_its_openapi_says(
    cases: TestClient, readside_client: TestClient
) -> None:
    from services.readside.tests.casefeed import feed

    seeds = _seed_cases(cases)
    cases_app = cases.app.state.service.app  # type: ignore[attr-defined]
    feed(cases_app, readside_client.app.state.service.ingestor)  # type: ignore[attr-defined]
    started = time.monotonic()
    statuses, failures = fuzz(
        readside_client, {**seeds, "tilbud_id": "lyngen"}, EXAMPLES["readside"]
    )
    report("readside", statuses, failures, started)


def test_the_harness_catches_an_undeclared_status_and_a_server_error() -> None:
    router = APIRouter()

    @router.get("/teapot")
    async def teapot() -> Response:
        """Answers a status the OpenAPI does not declare."""
        return Response(status_code=418)

    @router.get("/crash")
    async def crash() -> None:
        """Crashes."""
        raise RuntimeError("boom")

    with TestClient(build_app(title="t", common=CommonSettings(), routers=[router])) as client:
        statuses, failures = fuzz(client, {}, 5)
    # build_app also serves /asyncapi.json and the schemas: declared, so no failures there
    assert {418, 500} <= set(statuses) and len(failures) == 2
    assert "Undocumented status code" in failures[0] and "Server error" in failures[1]
