"""Reading a whole topic back, for tests that check what reached the broker."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition


@dataclass(frozen=True)
class Record:
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, bytes]

    def header(self, name: str) -> str:
        return self.headers[name].decode()


async def read_topic(
    bootstrap: str,
    topic: str,
    *,
    min_count: int = 0,
    timeout: float = 30,
    checkpoints: bool = False,
) -> list[Record]:
    """Every record on ``topic`` (waiting until at least ``min_count`` arrived); the
    relays' signed checkpoints (``pkraft.checkpoint``) only when ``checkpoints``."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        deadline = time.monotonic() + timeout
        partitions = None
        while not partitions:
            partitions = consumer.partitions_for_topic(topic)
            if not partitions:
                await consumer._client.force_metadata_update()
                if time.monotonic() > deadline:
                    return []
                await asyncio.sleep(0.2)
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        records: list[Record] = []
        while True:
            batch = await consumer.getmany(timeout_ms=500)
            for tp, msgs in batch.items():
                records.extend(
                    Record(tp.partition, m.offset, m.key, m.value, dict(m.headers))
                    for m in msgs
                    if checkpoints or dict(m.headers).get("ce_type") != b"pkraft.checkpoint"
                )
            # The fetch high watermark: the embedded broker's end_offsets() can report short.
            ends = {tp: consumer.highwater(tp) for tp in tps}
            positions = {tp: await consumer.position(tp) for tp in tps}
            caught_up = all(ends[tp] is not None and positions[tp] >= ends[tp] for tp in tps)
            if caught_up and len(records) >= min_count:
                return records
            if time.monotonic() > deadline:
                return records
    finally:
        await consumer.stop()
