"""The batching consumer on a real broker: repeats are audited once, an event that
keeps failing goes to the dead-letter topic and the others still arrive."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from services.readside.adapters.ingest import Delivered, Ingestor
from services.readside.adapters.kafka_batches import BatchConsumer
from services.readside.tests.builders import CaseStream
from shared.config import CommonSettings
from shared.contracts import cases as wire
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import encode
from shared.kafka.consumer import dlq_topic
from shared.sqldb import Database
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka


class BreaksOn(Ingestor):
    """An ingestor whose store fails for one event, every time."""

    def __init__(self, db: Database, ce_id: str) -> None:
        super().__init__(db)
        self.ce_id = ce_id

    def ingest_many(self, batch: Sequence[Delivered]) -> int:
        if any(item.env.ce_id == self.ce_id for item in batch):
            raise RuntimeError("disk full")
        return super().ingest_many(batch)


async def test_repeats_once_and_a_failing_event_is_dead_lettered(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    topic = f"rs-{unique}"
    common = CommonSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_session_timeout_ms=6000,
        kafka_topic_partitions=1,
    )
    await ensure_topics(common, [topic, dlq_topic(topic)])
    case = CaseStream()
    events = [
        case.opened(),
        case.next(wire.LeaderAssigned, leader="l1"),
        case.next(wire.CaseClosed, reason="moved"),
    ]
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    for env, data in [*events, events[0]]:  # the first one twice, as a relay may
        record = encode(
            topic=topic,
            ce_id=env.ce_id,
            ce_type=env.ce_type,
            source=wire.SOURCE,
            subject=env.aggregate_id,
            time=case.clock,
            data=data,
        )
        await producer.send_and_wait(topic, record.value, key=record.key, headers=record.headers)
    await producer.stop()
    db = Database(f"sqlite:///{tmp_path}/rs.sqlite")
    consumer = BatchConsumer(
        common,
        topics=[topic],
        group_id=f"g-{unique}",
        ingestor=BreaksOn(db, events[1][0].ce_id),
        first_backoff=0.01,
        max_attempts=2,
    )
    await consumer.start()
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    try:
        dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=1, timeout=30)
        for _ in range(100):
            with db.read() as tx:
                audited = [r[0] for r in tx.all("SELECT ce_id FROM rs_audit ORDER BY seq")]
            if len(audited) == 2:
                break
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await task
        await consumer.stop()
        db.close()
    assert [d.header("dlq_reason") for d in dead] == ["retries_exhausted"]
    assert dead[0].header("ce_id") == events[1][0].ce_id
    assert audited == [events[0][0].ce_id, events[2][0].ce_id]
