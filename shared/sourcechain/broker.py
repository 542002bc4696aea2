"""The latest signed checkpoint of a service, read from its topic (the independent copy:
someone who rewrote the store cannot take back what the broker and its subscribers got)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.sourcechain.signing import CHECKPOINT_TYPE, checkpoint_valid


async def latest_checkpoint(
    bootstrap: str, topic: str, service: str, public_key_pem: str, timeout: float = 20.0
) -> tuple[dict[str, Any] | None, int]:
    """The newest validly signed checkpoint of ``service`` on ``topic`` (they share one
    key, so one partition keeps their order; after a restore the newest may be older
    than one signed before it), and how many carried a bad signature (forgeries)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    best: dict[str, Any] | None = None
    forged = 0
    try:
        deadline = time.monotonic() + timeout
        partitions = consumer.partitions_for_topic(topic)
        while not partitions and time.monotonic() < deadline:
            await consumer._client.force_metadata_update()
            partitions = consumer.partitions_for_topic(topic)
            if not partitions:
                await asyncio.sleep(0.2)
        tps = [TopicPartition(topic, p) for p in sorted(partitions or [])]
        if not tps:
            return None, 0
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for msgs in batch.values():
                for m in msgs:
                    headers = {k: v for k, v in m.headers}
                    if headers.get("ce_type") != CHECKPOINT_TYPE.encode():
                        continue
                    try:
                        data = json.loads(m.value or b"")
                    except ValueError:
                        forged += 1
                        continue
                    if not isinstance(data, dict) or data.get("service") != service:
                        continue
                    if not checkpoint_valid(data, public_key_pem):
                        forged += 1
                    else:  # one key, one partition: the last is the newest
                        best = data
            # The fetch high watermark: the embedded broker's end_offsets() can report short.
            ends = {tp: consumer.highwater(tp) for tp in tps}
            positions = {tp: await consumer.position(tp) for tp in tps}
            if all(ends[tp] is not None and positions[tp] >= (ends[tp] or 0) for tp in tps):
                break
    finally:
        await consumer.stop()
    return best, forged
