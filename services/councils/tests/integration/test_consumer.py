"""The electorate is built from pkraft.cases.v1 on a real broker: repeats change nothing,
malformed messages go to the dead-letter topic."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime

import pytest
from aiokafka import AIOKafkaProducer
from fastapi.testclient import TestClient

from services.councils.config import CouncilsSettings
from services.councils.domain.electorate import Electorate
from services.councils.entrypoints.api import create_app
from services.councils.tests.conftest import ADMIN, AGREEMENT, FRAME
from shared.config import CommonSettings
from shared.contracts import cases
from shared.kafka.cloudevents import OutboundRecord, encode
from tests.kafka_helpers import read_topic
from tests.running import running

pytestmark = pytest.mark.kafka
TILBUD = "lyngen"


def record(
    topic: str, event: cases.CaseEvent, data: dict[str, object] | None = None
) -> OutboundRecord:
    return encode(
        topic=topic,
        ce_id=f"{event.case_id}:{event.case_version}",
        ce_type=event.ce_type(),
        source=cases.SOURCE,
        subject=str(event.case_id),
        time=event.occurred_at,
        data=data if data is not None else event.model_dump(mode="json"),
    )


def case_events(topic: str) -> list[OutboundRecord]:
    now = datetime.now(UTC)
    a, b = uuid.uuid4(), uuid.uuid4()
    common = {"tilbud_id": TILBUD, "occurred_at": now, "actor": "cw"}

    def relative(case_id: uuid.UUID, version: int, rid: str) -> cases.RelativeAdded:
        return cases.RelativeAdded(
            **common,
            case_id=case_id,
            case_version=version,
            relative_id=rid,
            legal_role="none",
            channel_kinds=[],
        )

    opened_a = cases.CaseOpened(**common, case_id=a, case_version=1, setting="nursing_home")
    opened_b = cases.CaseOpened(**common, case_id=b, case_version=1, setting="nursing_home")
    added = relative(a, 2, "r-1")
    broken = relative(a, 3, "r-2")
    return [
        record(topic, opened_a),
        record(topic, added),
        record(topic, added),  # a repeated delivery
        record(topic, broken, data={**broken.model_dump(mode="json"), "case_version": "three"}),
        record(topic, relative(a, 4, "r-3")),
        record(topic, opened_b),
        record(topic, relative(b, 2, "r-4")),
        record(topic, cases.CaseClosed(**common, case_id=b, case_version=3, reason="moved")),
        record(topic, relative(a, 2, "r-1")),  # the same fact once more, late
        record(topic, relative(a, 5, "r-5")),  # after the repeat on the same partition
    ]


async def produce(bootstrap: str, topic: str, records: list[OutboundRecord]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"not a cloudevent", key=b"x")
        for r in records:
            await producer.send_and_wait(topic, r.value, key=r.key, headers=r.headers)
    finally:
        await producer.stop()


def test_electorate_from_case_events_with_repeats_and_poison(
    kafka_bootstrap: str, unique: str, tmp_path: object
) -> None:
    cases_topic = f"cases-{unique}"
    settings = CouncilsSettings(
        database_url=f"sqlite:///{tmp_path}/councils.sqlite",
        cases_topic=cases_topic,
        topic=f"councils-{unique}",
        consumer_group=f"g-{unique}",
        common=CommonSettings(
            kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000
        ),
    )
    with running(settings), TestClient(create_app(settings)) as client:
        asyncio.run(produce(kafka_bootstrap, cases_topic, case_events(cases_topic)))
        body = {
            "tilbud_id": TILBUD,
            "kind": "relatives_council",
            "frame": FRAME,
            "seats": {"relatives": 2, "staff": 1},
            "agreement": AGREEMENT,
        }
        council_id = client.post("/councils", json=body, headers=ADMIN).json()["id"]
        app = client.app.state.commands.app  # type: ignore[attr-defined]
        deadline = time.monotonic() + 60
        electorate_id = Electorate.create_id(TILBUD)
        while time.monotonic() < deadline:
            events = list(app.repository.event_store.get(electorate_id))
            if len(events) >= 8:  # started + 7 distinct facts
                break
            time.sleep(0.2)
        r = client.get(f"/councils/{council_id}/electorate", headers=ADMIN)
        # r-4's case closed; r-2's event was malformed; the repeats changed nothing
        assert r.json()["relative_ids"] == ["r-1", "r-3", "r-5"]
        events = list(app.repository.event_store.get(electorate_id))
        assert len(events) == 8, [type(e).__name__ for e in events]
    dead = asyncio.run(read_topic(kafka_bootstrap, f"{cases_topic}.dlq", min_count=2))
    assert sorted(r.header("dlq_reason") for r in dead) == ["malformed", "not_a_cloudevent"]
