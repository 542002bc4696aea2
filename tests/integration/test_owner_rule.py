"""The owner rule in every consumer: a forged event (right type, wrong ``source``) is
parked by each consumer group before any handler or dedupe runs, so it neither triggers
anything nor hides the genuine event that carries the same ``ce_id``."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from services.communication.bootstrap import build as build_communication
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.consumer import build_consumer as communication_consumer
from services.communication.tests.builders import CaseStream
from services.councils.bootstrap import build as build_councils
from services.councils.bootstrap import build_consumer as councils_consumer
from services.councils.config import CouncilsSettings
from services.readside.bootstrap import build as build_readside
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.consumer import build_consumer as readside_consumer
from shared.config import CommonSettings
from shared.contracts import cases as wire
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import encode
from shared.kafka.consumer import dlq_topic
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka


async def _produce(bootstrap: str, topic: str, events: list[tuple[str, Any]], source: str) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for ce_id, e in events:
            r = encode(
                topic=topic,
                ce_id=ce_id,
                ce_type=e.ce_type(),
                source=source,
                subject=str(e.case_id),
                time=e.occurred_at,
                data=e.model_dump(mode="json"),
            )
            await producer.send_and_wait(topic, r.value, key=r.key, headers=r.headers)
    finally:
        await producer.stop()


async def _until(check: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_a_forged_event_is_parked_by_every_consumer_and_does_not_hide_the_real_one(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    topic = f"cases-{unique}"
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    await ensure_topics(
        common.model_copy(update={"kafka_topic_partitions": 1}), [topic, dlq_topic(topic)]
    )
    comm = build_communication(
        CommunicationSettings(
            database_url=f"sqlite:///{tmp_path}/comm.sqlite",
            common=common,
            cases_topic=topic,
            councils_topic=f"councils-{unique}",
            topic=f"comm-{unique}",
            consumer_group=f"comm-{unique}",
        )
    )
    councils_settings = CouncilsSettings(
        database_url=f"sqlite:///{tmp_path}/councils.sqlite",
        cases_topic=topic,
        topic=f"councils-{unique}",
        consumer_group=f"councils-{unique}",
        common=common,
    )
    councils = build_councils(councils_settings)
    councils.commands.committer.start()
    readside_settings = ReadsideSettings(
        database_url=f"sqlite:///{tmp_path}/readside.sqlite",
        topics=[topic],
        group_id=f"readside-{unique}",
        common=common,
    )
    readside = build_readside(readside_settings)
    brokers = [
        communication_consumer(comm.settings, comm.inbound),
        councils_consumer(councils_settings, councils.commands),
        readside_consumer(readside_settings, readside.ingestor),
    ]
    stream = CaseStream("lyngen")
    events = [stream.opened(), stream.relative("a", "a@x.dk"), stream.consent("a")]
    events.append(stream.leader("lone"))
    genuine = stream.level(4)  # the case's next version: its ce_id is "<case>:5"

    def alerts() -> list[str]:
        log = comm.staff.message_log(str(stream.case_id))
        return [m.template for m in log if m.recipient_id == "lone"]

    try:
        for broker in brokers:
            await broker.start()
        await _produce(kafka_bootstrap, topic, events, wire.SOURCE)
        await _produce(kafka_bootstrap, topic, [genuine], "urn:mallory")
        dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=3)
        parked = sorted((d.header("dlq_group"), d.header("dlq_reason")) for d in dead)
        assert parked == sorted(
            (g, "foreign_source")
            for g in (f"comm-{unique}", f"councils-{unique}", f"readside-{unique}")
        )
        assert {d.header("ce_id") for d in dead} == {genuine[0]}
        assert alerts() == []  # the forgery queued nothing

        await _produce(kafka_bootstrap, topic, [genuine], wire.SOURCE)
        await _until(lambda: len(alerts()) == 1)  # the real event was not taken as a repeat
    finally:
        for broker in brokers:
            await broker.stop()
        councils.commands.committer.stop()
        councils.app.close()
        comm.close()
        readside.close()


async def test_the_owner_rule_with_the_test_broker() -> None:
    """Wiring of the shared subscriber: only the owner's source and types reach the
    handler; the relays' checkpoints are skipped; the rest is parked with its reason."""
    from faststream.kafka import KafkaMessage, TestKafkaBroker

    from shared.kafka.consumer import make_broker, subscribe
    from shared.kafka.errors import Delivery
    from shared.sourcechain import CHECKPOINT_TYPE

    common = CommonSettings()
    broker = make_broker(common, "test")
    seen: list[str] = []

    async def handler(event: Any, delivery: Delivery) -> None:
        seen.append(event.id)

    subscribe(broker, common, topic=wire.TOPIC, group_id="g", handler=handler)
    dead: list[tuple[str, str]] = []

    @broker.subscriber(dlq_topic(wire.TOPIC))
    async def spy(body: Any, msg: KafkaMessage) -> None:
        dead.append((msg.headers["ce_id"], msg.headers["dlq_reason"]))

    level = wire.LevelAssessed.ce_type()
    sent = [
        ("forged", level, "urn:mallory"),
        ("unknown", "dk.aarhus.pkraft.cases.no_such_thing.v1", wire.SOURCE),
        ("checkpoint", CHECKPOINT_TYPE, wire.SOURCE),
        ("genuine", level, wire.SOURCE),
    ]
    async with TestKafkaBroker(broker) as test:
        for ce_id, ce_type, source in sent:
            r = encode(
                topic=wire.TOPIC,
                ce_id=ce_id,
                ce_type=ce_type,
                source=source,
                subject="k",
                time=datetime.now(UTC),
                data={},
            )
            headers = {k: v.decode() for k, v in r.headers}
            await test.publish(r.value, wire.TOPIC, key=r.key, headers=headers)
    assert seen == ["genuine"]
    assert dead == [("forged", "foreign_source"), ("unknown", "unknown_type")]
