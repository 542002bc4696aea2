"""The consumer keeps the relays' signed checkpoints (not in the audit trail, not
dead-lettered), once each, for ``audit verify`` to check against the owner's key."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.readside.adapters import checkpoints
from services.readside.adapters.ingest import Ingestor
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.consumer import consuming
from services.readside.tests.builders import CaseStream
from shared.config import CommonSettings
from shared.contracts import cases as wire
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import encode
from shared.kafka.consumer import dlq_topic
from shared.sourcechain import CHECKPOINT_TYPE
from shared.sourcechain.signing import sign_checkpoint
from shared.sqldb import Database
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka


async def test_checkpoints_are_kept_once_beside_the_audit_trail(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    topic = f"cases-{unique}"
    common = CommonSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_session_timeout_ms=6000,
        kafka_topic_partitions=1,
    )
    await ensure_topics(common, [topic, dlq_topic(topic)])
    settings = ReadsideSettings(
        database_url=f"sqlite:///{tmp_path}/rs.sqlite",
        topics=[topic],
        group_id=f"g-{unique}",
        common=common,
    )
    case = CaseStream()
    env, data = case.opened()
    signed = sign_checkpoint(Ed25519PrivateKey.generate(), "cases", 1, "ab" * 32)
    now = datetime.now(UTC)
    records = [
        encode(
            topic=topic,
            ce_id=env.ce_id,
            ce_type=env.ce_type,
            source=wire.SOURCE,
            subject=env.aggregate_id,
            time=now,
            data=data,
        ),
        encode(
            topic=topic,
            ce_id="checkpoint:cases:1",
            ce_type=CHECKPOINT_TYPE,
            source=wire.SOURCE,
            subject="checkpoint:cases",
            time=now,
            data=signed,
        ),
    ]
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    for r in [*records, records[1]]:  # the checkpoint twice
        await producer.send_and_wait(topic, r.value, key=r.key, headers=r.headers)
    await producer.stop()
    db = Database(settings.database_url)
    try:
        async with consuming(settings, Ingestor(db)):
            deadline = now.timestamp() + 40
            while True:
                with db.read() as tx:
                    got = checkpoints.received(tx, "cases") if _has_table(tx) else []
                if got or datetime.now(UTC).timestamp() > deadline:
                    break
                await asyncio.sleep(0.1)
        with db.read() as tx:
            audited = [r[0] for r in tx.all("SELECT ce_id FROM rs_audit")]
            kept = checkpoints.received(tx, "cases")
    finally:
        db.close()
    assert kept == [signed]
    assert audited == [env.ce_id]
    assert await read_topic(kafka_bootstrap, dlq_topic(topic), timeout=3) == []


def _has_table(tx: object) -> bool:
    try:
        tx.one("SELECT 1 FROM rs_checkpoints LIMIT 1")  # type: ignore[attr-defined]
    except Exception:
        return False
    return True
