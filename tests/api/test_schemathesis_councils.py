"""schemathesis against the councils OpenAPI, on PostgreSQL (the other services' runs
are on SQLite, in test_schemathesis.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import auth
from tests.api.fuzz import EXAMPLES, fuzz, report

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def councils_client(postgres_url: str) -> Iterator[TestClient]:
    from services.councils.config import CouncilsSettings
    from services.councils.entrypoints.api import create_app

    with TestClient(create_app(CouncilsSettings(database_url=postgres_url))) as client:
        yield client


def _seed_councils(client: TestClient) -> dict[str, Any]:
    commands = client.app.state.commands  # type: ignore[attr-defined]

    async def electorate() -> None:
        await commands.apply_case_fact("lyngen", "case-1", 1, "opened", None)
        for version, relative in enumerate(["ann", "bo"], start=2):
            await commands.apply_case_fact("lyngen", "case-1", version, "relative_added", relative)

    asyncio.run(electorate())
    admin, leader = auth("council_admin"), auth("leader", sub="leader-1")
    council = {
        "tilbud_id": "lyngen",
        "kind": "relatives_council",
        "frame": {"purpose": "p", "tasks": "t", "function": "f"},
        "seats": {"relatives": 2, "citizens": 1, "staff": 2},
        "agreement": {"centre_head": "c", "department_head": "d", "agreed_on": "2030-01-10"},
    }
    council_id = client.post("/councils", json=council, headers=admin).json()["id"]
    member = {"kind": "staff", "person_ref": "s1", "term_start": "2030-02-01"}
    member_id = client.post(f"/councils/{council_id}/members", json=member, headers=admin)
    election = {"election_id": "e1", "held_on": "2030-03-01"}
    client.post(f"/councils/{council_id}/elections", json=election, headers=admin)
    meeting = {"meeting_id": "m1", "kind": "council_meeting", "at": "2030-04-01T17:00:00Z"}
    client.post(f"/councils/{council_id}/meetings", json=meeting, headers=admin)
    client.post("/pools", json={"year": 2031}, headers=leader)
    application = {
        "application_id": "a1",
        "council_id": council_id,
        "activity": "Udflugt",
        "amount": 5000,
        "initiators": ["ann"],
    }
    client.post("/pools/2031/applications", json=application, headers=admin)
    client.post("/follow-group", json={"name": "Følgegruppen"}, headers=leader)
    fg = {"member_id": "f1", "person_ref": "anna", "role": "relative"}
    client.post("/follow-group/members", json=fg, headers=leader)
    return {
        "council_id": council_id,
        "tilbud_id": "lyngen",
        "member_id": str(member_id.json().get("result")),
        "election_id": "e1",
        "meeting_id": "m1",
        "year": 2031,
        "application_id": "a1",
    }


def test_the_councils_api_answers_as_its_openapi_says(councils_client: TestClient) -> None:
    started = time.monotonic()
    statuses, failures = fuzz(
        councils_client, _seed_councils(councils_client), EXAMPLES["councils"]
    )
    report("councils", statuses, failures, started)
