"""Erasing a relative in the cases service erases the name they were nominated under in
their tilbud's council: the councils consumer reads ``subject_erased`` (ids and a code)
from a real broker and erases ``person:<council id>:<relative id>``; the other candidate,
and a relative never named in the council, are left alone."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.councils.config import CouncilsSettings
from services.councils.domain.council_privacy import person_subject
from services.councils.entrypoints.api import create_app
from services.councils.tests.conftest import ADMIN, auth
from services.councils.tests.integration.privacy_flow import (
    NAMES,
    TILBUD,
    drive_council,
    ok,
    own_former,
    own_seeder,
)
from services.councils.tests.integration.test_consumer import produce, record
from shared.config import CommonSettings
from shared.contracts import cases
from tests.running import running

pytestmark = pytest.mark.kafka
OFFICER = auth("privacy_officer", "dpo-1")


@pytest.fixture
def consuming(store_url: str, kafka_bootstrap: str, unique: str) -> Iterator[TestClient]:
    settings = CouncilsSettings(
        database_url=store_url,
        cases_topic=f"cases-{unique}",
        topic=f"councils-{unique}",
        consumer_group=f"g-{unique}",
        common=CommonSettings(
            kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000
        ),
    )
    with running(settings), TestClient(create_app(settings)) as client:
        yield client


def _erased(relative_id: str | None, version: int) -> cases.SubjectErased:
    case_id = uuid.UUID(int=7)
    subject = f"relative:{case_id}:{relative_id}" if relative_id else f"citizen:{case_id}"
    return cases.SubjectErased(
        case_id=case_id,
        case_version=version,
        tilbud_id=TILBUD,
        occurred_at=datetime.now(UTC),
        actor="dpo-cases",
        subject_id=subject,
        subject_kind="relative" if relative_id else "citizen",
        relative_id=relative_id,
        reason="consent_withdrawn",
    )


def _status(client: TestClient, subject: str) -> Any:
    return ok(client.get(f"/privacy/subjects/{subject}", headers=OFFICER))


def test_a_relative_erased_in_cases_loses_her_name_in_the_council(
    consuming: TestClient, kafka_bootstrap: str
) -> None:
    client = consuming
    driven = drive_council(client, own_former(client), own_seeder(client))
    karen = person_subject(driven.council_id, "r-karen")
    bodil = person_subject(driven.council_id, "r-bodil")
    topic = client.app.state.service.settings.cases_topic  # type: ignore[attr-defined]
    events = [_erased(None, 5), _erased("r-nobody", 6), _erased("r-karen", 7)]
    records = [record(topic, e) for e in [*events, events[-1]]]  # and a repeated delivery
    asyncio.run(produce(kafka_bootstrap, topic, records))

    deadline = time.monotonic() + 60
    while not _status(client, karen)["erased"] and time.monotonic() < deadline:
        time.sleep(0.2)
    status = _status(client, karen)
    assert status["erased"] is True
    assert (status["erased_by"], status["reason"]) == ("dpo-cases", "consent_withdrawn")
    assert _status(client, bodil)["erased"] is False

    election = ok(
        client.get(f"/councils/{driven.council_id}/elections/{driven.election_id}", headers=ADMIN)
    )
    assert election["candidate_names"] == {"r-karen": None, "r-bodil": NAMES["r-bodil"]}
    nobody = client.get(
        f"/privacy/subjects/{person_subject(driven.council_id, 'r-nobody')}", headers=OFFICER
    )
    assert nobody.status_code == 404  # never named in the council: nothing was made
