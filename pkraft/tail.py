"""``pkraft tail TOPIC``: print the CloudEvents on a topic, one line each.

Without ``--follow`` it stops at the end of the topic: when every partition's position
has reached the high watermark of its latest fetch response. (``end_offsets()`` asks
the broker with a ListOffsets request, which the embedded broker answers short; the
fetch high watermark is what the partition's own fetches report.) With ``--follow`` it
keeps printing what arrives until Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError

from shared.config import CommonSettings
from shared.kafka.cloudevents import decode

METADATA_WAIT = 10.0


def line_for(msg: ConsumerRecord[bytes, bytes], show_data: bool) -> str:
    try:
        event = decode(msg.key, msg.value or b"", list(msg.headers or []))
    except ValueError as exc:
        return f"{msg.partition}/{msg.offset}  (not a CloudEvent: {exc})"
    line = f"{msg.partition}/{msg.offset}  {event.type}  id={event.id}"
    if show_data:
        line += "  " + json.dumps(event.data, ensure_ascii=False)
    return line


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    deadline = time.monotonic() + METADATA_WAIT
    while True:
        found = consumer.partitions_for_topic(topic)
        if found or time.monotonic() > deadline:
            return [TopicPartition(topic, p) for p in sorted(found or ())]
        await consumer._client.force_metadata_update()
        await asyncio.sleep(0.2)


async def at_end(consumer: AIOKafkaConsumer, partitions: list[TopicPartition]) -> bool:
    """Every partition's position has reached its last fetched high watermark."""
    for tp in partitions:
        highwater = consumer.highwater(tp)
        if highwater is None or await consumer.position(tp) < highwater:
            return False
    return True


async def tail(
    topic: str, from_beginning: bool, limit: int | None, show_data: bool, follow: bool
) -> int:
    """Print the topic's events; the exit code (1: no broker or no such topic)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=CommonSettings().kafka_bootstrap_servers,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    try:
        await consumer.start()
    except KafkaError as exc:
        print(f"! broker not reachable: {type(exc).__name__}", file=sys.stderr)
        return 1
    seen = 0
    try:
        partitions = await _partitions(consumer, topic)
        if not partitions:
            print(f"! no topic {topic!r} on the broker", file=sys.stderr)
            return 1
        consumer.assign(partitions)  # no consumer group: tail commits nothing
        if from_beginning:
            await consumer.seek_to_beginning(*partitions)
        else:
            await consumer.seek_to_end(*partitions)
        while True:
            batch = await consumer.getmany(timeout_ms=500)
            for tp in sorted(batch):
                for msg in batch[tp]:
                    print(line_for(msg, show_data), flush=True)
                    seen += 1
                    if limit is not None and seen >= limit:
                        return 0
            if not follow and await at_end(consumer, partitions):
                return 0
    finally:
        await consumer.stop()


def run(topic: str, from_beginning: bool, limit: int | None, show_data: bool, follow: bool) -> int:
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how --follow ends
        return asyncio.run(tail(topic, from_beginning, limit, show_data, follow))
    return 0
