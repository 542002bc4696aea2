"""Replaying a dead-letter topic: parked messages go back to the topic they came from.

Consumers are idempotent, so a replayed event that was in fact handled changes nothing.
The replay reads ``<topic>.dlq`` in its own consumer group and commits after each
republished batch, so each parked message is replayed once.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer

from shared.config import CommonSettings
from shared.kafka.clients import make_producer
from shared.kafka.consumer import dlq_topic


@dataclass(frozen=True)
class Replayed:
    """What a replay did."""

    republished: int
    by_reason: dict[str, int]


async def replay_dead_letters(
    common: CommonSettings, topic: str, *, reasons: set[str] | None = None, idle_ms: int = 3000
) -> Replayed:
    """Republish the messages parked in ``<topic>.dlq`` (optionally only some reasons)."""
    consumer = AIOKafkaConsumer(
        dlq_topic(topic),
        bootstrap_servers=common.kafka_bootstrap_servers,
        group_id=f"pkraft-dlq-replay-{topic}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=common.kafka_session_timeout_ms,
        heartbeat_interval_ms=common.kafka_heartbeat_interval_ms,
    )
    producer = make_producer(common, client_id="pkraft-dlq-replay")
    await consumer.start()
    await producer.start()
    counts: dict[str, int] = {}
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=idle_ms)
            if not batch:
                break
            futures = []
            for messages in batch.values():
                for m in messages:
                    headers = dict(m.headers or [])
                    reason = headers.get("dlq_reason", b"").decode()
                    if reasons and reason not in reasons:
                        continue
                    source = headers.get("dlq_source", b"").decode().split("/")[0] or topic
                    original = [(k, v) for k, v in (m.headers or []) if not k.startswith("dlq_")]
                    futures.append(
                        await producer.send(source, value=m.value, key=m.key, headers=original)
                    )
                    counts[reason] = counts.get(reason, 0) + 1
            for future in futures:
                await future
            await consumer.commit()
    finally:
        await producer.stop()
        await consumer.stop()
    return Replayed(sum(counts.values()), counts)
