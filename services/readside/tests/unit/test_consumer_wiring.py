"""The read side's subscriber wired with FastStream's TestKafkaBroker (no broker): an
event of the topic's owner is audited, anything else is parked with its reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from faststream.kafka import KafkaMessage, TestKafkaBroker

from services.readside.adapters.ingest import Ingestor
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.consumer import build_consumer
from services.readside.tests.builders import CaseStream
from shared.contracts import cases as wire
from shared.kafka.cloudevents import encode
from shared.sqldb import Database


async def test_the_batch_subscriber_audits_the_owners_events_and_parks_the_rest(
    tmp_path: Path,
) -> None:
    db = Database(f"sqlite:///{tmp_path}/rs.sqlite")
    settings = ReadsideSettings(database_url=f"sqlite:///{tmp_path}/rs.sqlite")
    broker = build_consumer(settings, Ingestor(db))
    parked: list[str] = []

    @broker.subscriber(f"{wire.TOPIC}.dlq")
    async def spy(body: Any, msg: KafkaMessage) -> None:
        parked.append(msg.headers["dlq_reason"])

    env, data = CaseStream().opened()
    async with TestKafkaBroker(broker) as test:
        for source in (wire.SOURCE, "/someone/else"):
            r = encode(
                topic=wire.TOPIC,
                ce_id=env.ce_id,
                ce_type=env.ce_type,
                source=source,
                subject=env.aggregate_id,
                time=CaseStream().clock,
                data=data,
            )
            headers = {k: v.decode() for k, v in r.headers}
            await test.publish(r.value, wire.TOPIC, key=r.key, headers=headers)
    with db.read() as tx:
        audited = [row[0] for row in tx.all("SELECT ce_id FROM rs_audit")]
    db.close()
    assert audited == [env.ce_id]
    assert parked == ["foreign_source"]
