"""The latest signed checkpoint of a service, read from its topic (the independent copy:
someone who rewrote the store cannot take back what the broker and its subscribers got)."""

from __future__ import annotations

import json
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.sourcechain.signing import CHECKPOINT_TYPE, checkpoint_valid

# How long the broker may hold a fetch of a partition with nothing new: an empty or
# read partition answers its high watermark after this, not after the default 500 ms.
_FETCH_WAIT_MS = 50


async def latest_checkpoint(
    bootstrap: str, topic: str, service: str, public_key_pem: str, timeout: float = 20.0
) -> tuple[dict[str, Any] | None, int]:
    """The newest validly signed checkpoint of ``service`` on ``topic`` (they share one
    key, so one partition keeps their order; after a restore the newest may be older
    than one signed before it), and how many carried a bad signature (forgeries).

    Reads what the topic held when asked, up to each partition's high watermark as the
    first fetch reports it (the embedded broker's ``end_offsets()`` can report short),
    and never waits for new messages: a quiet topic, or one that does not exist (nothing
    was ever published), answers at once. ``TimeoutError`` when the broker does not let
    it read that far within ``timeout`` seconds."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, fetch_max_wait_ms=_FETCH_WAIT_MS
    )
    await consumer.start()
    try:
        deadline = time.monotonic() + timeout
        # Fresh metadata, once: a topic it does not name was never published to.
        cluster = await consumer._client.fetch_all_metadata()
        tps = [TopicPartition(topic, p) for p in sorted(cluster.partitions_for_topic(topic) or [])]
        if not tps:
            return None, 0
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        reader = _Reader(service, public_key_pem)
        ends: dict[TopicPartition, int] = {}  # the first high watermark seen: the target
        while True:
            batch = await consumer.getmany(timeout_ms=100)
            for msgs in batch.values():
                for m in msgs:
                    reader.read(dict(m.headers), m.value)
            for tp in tps:
                if tp not in ends and (high := consumer.highwater(tp)) is not None:
                    ends[tp] = high
            if len(ends) == len(tps) and await _read_to(consumer, ends):
                return reader.best, reader.forged
            if time.monotonic() > deadline:
                raise TimeoutError(f"{topic} could not be read to its end in {timeout} s")
    finally:
        await consumer.stop()


async def _read_to(consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int]) -> bool:
    for tp, end in ends.items():
        if await consumer.position(tp) < end:
            return False
    return True


class _Reader:
    """Keeps the newest valid checkpoint of one service and counts the forged ones."""

    def __init__(self, service: str, public_key_pem: str) -> None:
        self._service = service
        self._pem = public_key_pem
        self.best: dict[str, Any] | None = None
        self.forged = 0

    def read(self, headers: dict[str, bytes], value: bytes | None) -> None:
        if headers.get("ce_type") != CHECKPOINT_TYPE.encode():
            return
        try:
            data = json.loads(value or b"")
        except ValueError:
            self.forged += 1
            return
        if not isinstance(data, dict) or data.get("service") != self._service:
            return
        if not checkpoint_valid(data, self._pem):
            self.forged += 1
        else:  # one key, one partition: the last is the newest
            self.best = data
