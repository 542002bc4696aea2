"""The read side's consumer on a real broker: repeats are audited once, an event that
keeps failing is parked and the others still arrive, a database outage is waited out,
and only what a topic's owner publishes enters the audit trail."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from aiokafka import AIOKafkaProducer

from services.readside.adapters.ingest import Delivered, Ingestor
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.consumer import consuming
from services.readside.tests.builders import CaseStream
from shared.config import CommonSettings
from shared.contracts import cases as wire
from shared.contracts import communication as comm
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import OutboundRecord, encode
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


class DownFor(Ingestor):
    """An ingestor whose database does not answer until ``until`` (monotonic)."""

    def __init__(self, db: Database, until: float) -> None:
        super().__init__(db)
        self.until = until

    def ingest_many(self, batch: Sequence[Delivered]) -> int:
        if time.monotonic() < self.until:
            raise psycopg.OperationalError("connection refused: database is restarting")
        return super().ingest_many(batch)


def _case_records(topic: str, n: int) -> list[OutboundRecord]:
    case = CaseStream()
    events = [case.opened()]
    events += [case.next(wire.LeaderAssigned, leader=f"l{i}") for i in range(1, n)]
    return [
        encode(
            topic=topic,
            ce_id=env.ce_id,
            ce_type=env.ce_type,
            source=wire.SOURCE,
            subject=env.aggregate_id,
            time=case.clock,
            data=data,
        )
        for env, data in events
    ]


def _ce_id(record: OutboundRecord) -> str:
    return dict(record.headers)["ce_id"].decode()


async def _produce(kafka_bootstrap: str, topic: str, records: Sequence[OutboundRecord]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    for r in records:
        await producer.send_and_wait(topic, r.value, key=r.key, headers=r.headers)
    await producer.stop()


async def _settings(kafka_bootstrap: str, topic: str, unique: str, url: str) -> ReadsideSettings:
    common = CommonSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_session_timeout_ms=6000,
        kafka_topic_partitions=1,
    )
    await ensure_topics(common, [topic, dlq_topic(topic)])
    return ReadsideSettings(database_url=url, topics=[topic], group_id=f"g-{unique}", common=common)


def _audited(db: Database) -> list[str]:
    with db.read() as tx:
        return [r[0] for r in tx.all("SELECT ce_id FROM rs_audit ORDER BY seq")]


async def _until(check: Callable[[], bool], timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_repeats_once_and_a_failing_event_is_dead_lettered(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    topic = f"cases-{unique}"
    settings = await _settings(kafka_bootstrap, topic, unique, f"sqlite:///{tmp_path}/rs.sqlite")
    records = _case_records(topic, 3)
    await _produce(kafka_bootstrap, topic, [*records, records[0]])  # the first twice
    db = Database(settings.database_url)
    try:
        async with consuming(settings, BreaksOn(db, _ce_id(records[1]))):
            dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=1, timeout=30)
            await _until(lambda: len(_audited(db)) == 2)
        audited = _audited(db)
    finally:
        db.close()
    assert [d.header("dlq_reason") for d in dead] == ["retries_exhausted"]
    assert dead[0].header("ce_id") == _ce_id(records[1])
    assert dead[0].header("dlq_error") == "RuntimeError"
    assert audited == [_ce_id(records[0]), _ce_id(records[2])]


@pytest.mark.postgres
async def test_a_database_outage_is_waited_out_not_dead_lettered(
    kafka_bootstrap: str, unique: str, postgres_url: str
) -> None:
    topic = f"cases-{unique}"
    settings = await _settings(kafka_bootstrap, topic, unique, postgres_url)
    records = _case_records(topic, 20)
    await _produce(kafka_bootstrap, topic, records)
    db = Database(settings.database_url)
    try:
        async with consuming(settings, DownFor(db, time.monotonic() + 10)):
            await _until(lambda: len(_audited(db)) == 20, timeout=60)
    finally:
        db.close()
    assert await read_topic(kafka_bootstrap, dlq_topic(topic), timeout=3) == []


def _message(topic: str, ce_type: str, source: str, **data: Any) -> OutboundRecord:
    return encode(
        topic=topic,
        ce_id=f"m-{ce_type}-{source}-{len(data)}",
        ce_type=ce_type,
        source=source,
        subject="m1",
        time=datetime.now(UTC),
        data={
            "message_id": "m1",
            "kind": "welcome",
            "recipient_type": "relative",
            "recipient_id": "r1",
            "channel": "email",
            "occurred_at": datetime.now(UTC).isoformat(),
            "actor": "system",
            "attempts": 1,
            **data,
        },
    )


def _unreadable(record: OutboundRecord) -> OutboundRecord:
    headers = [*record.headers, ("trace", b"\xff\xfe")]
    return OutboundRecord(record.topic, record.key, record.value, headers)


async def test_only_what_the_topics_owner_publishes_is_audited(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    topic = f"communication-{unique}"
    settings = await _settings(kafka_bootstrap, topic, unique, f"sqlite:///{tmp_path}/rs.sqlite")
    sent = comm.MessageSent.ce_type()
    good = _message(topic, sent, comm.SOURCE)
    await _produce(
        kafka_bootstrap,
        topic,
        [
            _message(topic, "com.example.whatever.v1", "/someone/else"),
            _message(topic, sent, "/someone/else"),
            _message(topic, "dk.aarhus.pkraft.communication.mail_read.v1", comm.SOURCE),
            _message(topic, wire.CaseClosed.ce_type(), wire.SOURCE),
            _message(topic, sent, comm.SOURCE, attempts="0707614285 Bodil Hansen"),
            _unreadable(_message(topic, sent, comm.SOURCE, actor="x")),
            good,
        ],
    )
    db = Database(settings.database_url)
    try:
        async with consuming(settings, Ingestor(db)):
            dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=6, timeout=30)
            await _until(lambda: len(_audited(db)) == 1)
        audited = _audited(db)
    finally:
        db.close()
    assert audited == [_ce_id(good)]
    reasons = [d.header("dlq_reason") for d in dead]
    # Only the one with a bad header is unreadable: the rest of its batch went on.
    assert sorted(reasons) == [
        "foreign_source",
        "foreign_source",
        "foreign_source",
        "malformed",
        "unknown_type",
        "unreadable",
    ]
    error = dead[reasons.index("malformed")].header("dlq_error")
    assert "attempts: int_parsing" in error
    assert "0707614285" not in error and "Bodil" not in error
