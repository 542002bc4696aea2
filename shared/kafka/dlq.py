"""Replaying a dead-letter topic: parked messages go back to the topic they came from.

The dead-letter topic is an append-only record of what was parked *and* of what was
replayed: after republishing, the replay appends a marker per parked copy to that copy's
partition (empty value, header ``dlq_replayed=<partition>/<offset>``). Every replay reads
the whole dead-letter topic from the beginning (no consumer group, nothing committed), up
to the high watermark it saw when it started, and skips what a marker says was replayed.
So a replay of one reason leaves every other reason replayable, and a second replay does
not resend what the first one sent.

Several consumer groups park their own copy of the same message. Each copy names the
*original* (header ``dlq_original=<topic>/<partition>/<offset>``, set when first parked,
sent along by the replay and kept when a consumer parks the replayed message again), and
a replay sends each original once, however many copies it has. A copy parked again after
a replay is replayable once more, and the next replay sends its original once: the
dead-letter topic grows by the copies and markers of each replay, never geometrically.
A crash between republishing and the markers sends that message once more on the next
replay, which idempotent consumers ignore."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.config import CommonSettings
from shared.kafka.clients import make_producer
from shared.kafka.guard import ORIGINAL, dlq_topic

REPLAYED = "dlq_replayed"


@dataclass(frozen=True)
class Replayed:
    """What a replay did."""

    republished: int
    by_reason: dict[str, int]


async def _read_all(consumer: AIOKafkaConsumer, topic: str, idle_ms: int) -> list[Any]:
    """Every record of ``topic`` up to the fetch high watermark (``end_offsets`` can
    report short on some brokers); an empty topic ends after ``idle_ms``."""
    partitions = consumer.partitions_for_topic(topic) or set()
    if not partitions:
        await consumer._client.force_metadata_update()
        partitions = consumer.partitions_for_topic(topic) or set()
    tps = [TopicPartition(topic, p) for p in sorted(partitions)]
    if not tps:
        return []
    consumer.assign(tps)
    await consumer.seek_to_beginning(*tps)
    records: list[Any] = []
    ends: dict[TopicPartition, int] = {}
    idle_until = time.monotonic() + idle_ms / 1000
    while True:
        batch = await consumer.getmany(timeout_ms=200)
        for msgs in batch.values():
            records.extend(msgs)
        for tp in tps:
            highwater = consumer.highwater(tp)
            if tp not in ends and highwater is not None:
                ends[tp] = highwater  # fixed at first sight: markers we append come later
        positions = {tp: await consumer.position(tp) for tp in tps}
        if len(ends) == len(tps) and all(positions[tp] >= ends[tp] for tp in tps):
            break
        if batch:
            idle_until = time.monotonic() + idle_ms / 1000
        elif time.monotonic() > idle_until:
            break
    return [r for r in records if r.offset < ends.get(TopicPartition(topic, r.partition), 0)]


def _due(records: list[Any], reasons: set[str] | None) -> dict[str, list[Any]]:
    """The parked copies still to replay (of ``reasons``), grouped by their original."""
    done = {
        headers[REPLAYED].decode()
        for headers in (dict(r.headers or []) for r in records)
        if REPLAYED in headers
    }
    due: dict[str, list[Any]] = {}
    for m in records:
        headers = dict(m.headers or [])
        if REPLAYED in headers or f"{m.partition}/{m.offset}" in done:
            continue
        if reasons and headers.get("dlq_reason", b"").decode() not in reasons:
            continue
        # Parked before originals were named: the parked coordinates stand for it.
        original = (headers.get(ORIGINAL) or headers.get("dlq_source") or b"").decode()
        due.setdefault(original or f"?/{m.partition}/{m.offset}", []).append(m)
    return due


async def replay_dead_letters(
    common: CommonSettings, topic: str, *, reasons: set[str] | None = None, idle_ms: int = 3000
) -> Replayed:
    """Republish the messages parked in ``<topic>.dlq`` (optionally only some reasons)
    that no earlier replay sent back."""
    dlq = dlq_topic(topic)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=common.kafka_bootstrap_servers,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    producer = make_producer(common, client_id="pkraft-dlq-replay")
    await consumer.start()
    await producer.start()
    counts: dict[str, int] = {}
    try:
        records = await _read_all(consumer, dlq, idle_ms)
        for original, copies in _due(records, reasons).items():
            first = copies[0]
            headers = dict(first.headers or [])
            source = headers.get("dlq_source", b"").decode().split("/")[0] or topic
            sent = [(k, v) for k, v in (first.headers or []) if not k.startswith("dlq_")]
            sent.append((ORIGINAL, original.encode()))
            await producer.send_and_wait(source, value=first.value, key=first.key, headers=sent)
            for m in copies:  # every parked copy of it is now replayed
                marker = [(REPLAYED, f"{m.partition}/{m.offset}".encode())]
                await producer.send_and_wait(
                    dlq, value=b"", key=m.key, partition=m.partition, headers=marker
                )
            reason = headers.get("dlq_reason", b"").decode()
            counts[reason] = counts.get(reason, 0) + 1
    finally:
        await producer.stop()
        await consumer.stop()
    return Replayed(sum(counts.values()), counts)
