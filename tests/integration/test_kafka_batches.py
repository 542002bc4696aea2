"""The relay's batch sender puts every record on the partition ``send`` would, in order
within a partition, and acknowledges it with its batch (real broker)."""

from __future__ import annotations

import pytest

from shared.config import CommonSettings
from shared.kafka.batches import BatchSender
from shared.kafka.clients import ensure_topics, make_producer
from shared.kafka.cloudevents import OutboundRecord
from tests.kafka_helpers import Record, read_topic

pytestmark = pytest.mark.kafka


async def test_batches_land_where_single_sends_do(kafka_bootstrap: str, unique: str) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_topic_partitions=3)
    single, batched = f"single-{unique}", f"batched-{unique}"
    await ensure_topics(common, [single, batched])
    keys = [f"aggregate-{k}".encode() for k in range(12)]
    # 600 records of ~1 kB: several producer batches per partition.
    records = [(keys[n % 12], f"{n:04d}".encode() * 250) for n in range(600)]
    producer = make_producer(common, client_id="test-batches")
    await producer.start()
    try:
        for key, value in records:
            await producer.send(single, key=key, value=value, headers=[("n", value[:4])])
        await producer.flush()
        sender = BatchSender(producer)
        futures = await sender.send(
            [OutboundRecord(batched, key, value, [("n", value[:4])]) for key, value in records]
        )
        assert 3 < len(futures) < 600
        for fut in futures:
            await fut
    finally:
        await producer.stop()
    sent = await read_topic(kafka_bootstrap, single, min_count=600)
    got = await read_topic(kafka_bootstrap, batched, min_count=600)

    def by_partition(rs: list[Record]) -> dict[int, list[tuple[bytes | None, bytes]]]:
        out: dict[int, list[tuple[bytes | None, bytes]]] = {}
        for r in sorted(rs, key=lambda r: (r.partition, r.offset)):
            out.setdefault(r.partition, []).append((r.key, r.headers["n"]))
        return out

    assert len(got) == 600 and by_partition(got) == by_partition(sent)
    assert len(by_partition(got)) > 1
