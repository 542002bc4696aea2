"""FastStream subscribers for CloudEvents topics, with a dead-letter topic.

A message that is not a valid CloudEvent, or that the handler rejects as malformed
(``MalformedEvent``, pydantic ``ValidationError``), goes to ``<topic>.dlq`` at once with
the reason in a header. Any other error is retried with backoff a bounded number of
times, then dead-lettered too: a consumer never crashes and never blocks a partition
forever. Offsets are committed after handling (at-least-once), so handlers must be
idempotent: use ``Delivery`` (topic, partition, offset) or the event id to skip repeats.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from aiokafka import TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, KafkaMessage
from pydantic import ValidationError

from shared.config import CommonSettings
from shared.http.metrics import CONSUMER_LAG, DEAD_LETTERS
from shared.kafka.cloudevents import InboundEvent, decode
from shared.logging import get_logger

log = get_logger(__name__)


# Failures of the infrastructure rather than of the message: worth waiting out.
TRANSIENT: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    psycopg.OperationalError,
    sqlite3.OperationalError,
)


class MalformedEvent(Exception):
    """Raised by a handler for a message it can never process."""


@dataclass(frozen=True)
class Delivery:
    """Where a message came from."""

    topic: str
    partition: int
    offset: int


Handler = Callable[[InboundEvent, Delivery], Awaitable[None]]


def dlq_topic(topic: str) -> str:
    return f"{topic}.dlq"


def make_broker(common: CommonSettings, client_id: str) -> KafkaBroker:
    """A FastStream Kafka broker from the common settings (idempotence per setting)."""
    return KafkaBroker(
        common.kafka_bootstrap_servers,
        client_id=client_id,
        enable_idempotence=common.kafka_idempotence,
        acks="all",
    )


async def _raw(msg: Any) -> Any:
    # Keep the body as bytes: CloudEvents parsing happens in our handler, so a
    # malformed message reaches the dead-letter path instead of failing in FastStream.
    return msg.body


def _record_lag(msg: KafkaMessage, group_id: str, lags: dict[tuple[str, int], int]) -> None:
    """Set ``pkraft_consumer_lag_messages`` (summed over the partitions this instance holds)."""
    raw: Any = msg.raw_message
    consumer: Any = getattr(msg, "consumer", None)
    try:
        highwater = consumer.highwater(TopicPartition(raw.topic, raw.partition))
    except Exception:
        return
    if highwater is None:
        return
    lags[(raw.topic, raw.partition)] = max(0, highwater - raw.offset - 1)
    CONSUMER_LAG.labels(group_id, raw.topic).set(
        sum(lag for (t, _), lag in lags.items() if t == raw.topic)
    )


def subscribe(
    broker: KafkaBroker,
    common: CommonSettings,
    *,
    topic: str,
    group_id: str,
    handler: Handler,
    max_attempts: int = 5,
    first_backoff: float = 0.2,
    outage_budget: float = 600.0,
) -> Any:
    """Register ``handler`` for ``topic`` in consumer group ``group_id``.

    A poison message goes to the dead-letter topic at once; any other failure is retried
    ``max_attempts`` times. A failure of the infrastructure (database or network down:
    ``TRANSIENT``) is retried for up to ``outage_budget`` seconds before the message is
    dead-lettered, since valid events should wait out an outage, not be parked. Parked
    messages go back with ``pkraft dlq replay TOPIC``.
    """
    lags: dict[tuple[str, int], int] = {}

    async def dead_letter(msg: KafkaMessage, reason: str, error: str) -> None:
        raw: Any = msg.raw_message
        headers = {k: v.decode(errors="replace") for k, v in (raw.headers or [])}
        headers.update(
            {
                "dlq_reason": reason,
                "dlq_error": error[:500],
                "dlq_source": f"{raw.topic}/{raw.partition}/{raw.offset}",
                "dlq_group": group_id,
            }
        )
        await broker.publish(raw.value or b"", topic=dlq_topic(topic), key=raw.key, headers=headers)
        DEAD_LETTERS.labels(topic).inc()
        log.warning("dead_lettered", topic=raw.topic, offset=raw.offset, reason=reason)

    @broker.subscriber(
        topic,
        group_id=group_id,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.ACK,
        session_timeout_ms=common.kafka_session_timeout_ms,
        heartbeat_interval_ms=common.kafka_heartbeat_interval_ms,
        fetch_max_wait_ms=common.kafka_fetch_max_wait_ms,
        decoder=_raw,
    )
    async def on_message(body: bytes, msg: KafkaMessage) -> None:
        raw: Any = msg.raw_message
        delivery = Delivery(raw.topic, raw.partition, raw.offset)
        _record_lag(msg, group_id, lags)
        try:
            event = decode(raw.key, raw.value or b"", list(raw.headers or []))
        except ValueError as exc:
            await dead_letter(msg, "not_a_cloudevent", str(exc))
            return
        backoff = first_backoff
        attempt = 0
        outage_until = time.monotonic() + outage_budget
        while True:
            try:
                await handler(event, delivery)
                return
            except (MalformedEvent, ValidationError) as exc:
                await dead_letter(msg, "malformed", str(exc))
                return
            except TRANSIENT as exc:
                if time.monotonic() > outage_until:
                    await dead_letter(msg, "retries_exhausted", f"{type(exc).__name__}: {exc}")
                    return
                log.warning(
                    "handler_waits_for_outage",
                    topic=raw.topic,
                    offset=raw.offset,
                    error=type(exc).__name__,
                )
            except Exception as exc:
                attempt += 1
                if attempt >= max_attempts:
                    await dead_letter(msg, "retries_exhausted", f"{type(exc).__name__}: {exc}")
                    return
                log.warning("handler_retry", topic=raw.topic, offset=raw.offset, attempt=attempt)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30.0)

    return on_message
