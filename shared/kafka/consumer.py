"""FastStream subscribers for CloudEvents topics, one mechanism for single and batch.

Every subscriber uses ``AckPolicy.NACK_ON_ERROR`` and the ``Guard`` middleware
(``shared/kafka/guard.py``): an offset is committed only after every message before it
was handled or durably parked on ``<topic>.dlq``; an outage is waited out, never turned
into dead letters. A message that is not a valid CloudEvent is parked as
``not_a_cloudevent``; one the handler rejects (``MalformedEvent``, ``Rejected``, pydantic
``ValidationError``) with the handler's reason; one that keeps failing as
``retries_exhausted``. Before any handler runs, the owner rule (``shared/kafka/owners.py``)
parks what the topic's owner does not publish (``foreign_source``, ``unknown_type``).
Parked messages go back with ``pkraft dlq replay TOPIC``.
Delivery is at least once, so handlers must be idempotent (skip repeats by event id).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from itertools import chain
from typing import Any

from faststream import AckPolicy
from faststream.kafka import KafkaBroker, KafkaRouter

from shared.config import CommonSettings
from shared.kafka.cloudevents import InboundEvent, decode
from shared.kafka.errors import TRANSIENT, Delivery, MalformedEvent, Rejected
from shared.kafka.guard import Guard, Policy, dlq_topic, records_of
from shared.kafka.owners import accept
from shared.sourcechain import CHECKPOINT_TYPE

__all__ = [
    "TRANSIENT",
    "BatchHandler",
    "Delivery",
    "Handler",
    "MalformedEvent",
    "Rejected",
    "dlq_topic",
    "make_broker",
    "subscribe",
    "subscribe_batch",
]

Handler = Callable[[InboundEvent, Delivery], Awaitable[None]]
BatchHandler = Callable[[list[tuple[InboundEvent, Delivery]]], Awaitable[None]]

# aiokafka's default: a member that does not poll for this long leaves its group. The
# guard holds a delivery at most a fifth of it before rewinding and polling again.
MAX_POLL_INTERVAL_MS = 300_000
UNREADABLE = "dlq_unreadable"  # marks a record whose headers are not all UTF-8


def make_broker(common: CommonSettings, client_id: str) -> KafkaBroker:
    """A FastStream Kafka broker from the common settings (idempotence per setting)."""
    return KafkaBroker(
        common.kafka_bootstrap_servers,
        client_id=client_id,
        enable_idempotence=common.kafka_idempotence,
        acks="all",
    )


async def _records(msg: Any) -> tuple[Any, ...]:
    # The handler gets the raw records: CloudEvents parsing happens there, so a
    # malformed message reaches the dead-letter path instead of failing in FastStream.
    return records_of(msg.raw_message)


def _readable(record: Any) -> Any:
    try:
        for _, value in record.headers or ():
            value.decode()
        return record
    except UnicodeDecodeError:
        headers = [(k, v.decode(errors="replace").encode()) for k, v in record.headers]
        return dataclasses.replace(record, headers=[*headers, (UNREADABLE, b"1")])


async def _tolerant(msg: Any, original: Callable[[Any], Awaitable[Any]]) -> Any:
    # FastStream's parser decodes every header as UTF-8: one header that is not would
    # fail a whole batch before any handler runs. Such a record is marked instead, and
    # parked on its own as ``unreadable``.
    try:
        return await original(msg)
    except UnicodeDecodeError:
        if isinstance(msg, list | tuple):
            return await original(type(msg)(map(_readable, msg)))
        return await original(_readable(msg))


def _inbound(
    records: Sequence[Any], owned: bool, checkpoints: bool = False
) -> list[tuple[InboundEvent, Delivery]]:
    events = []
    for r in records:
        delivery = Delivery(r.topic, r.partition, r.offset)
        if any(k == UNREADABLE for k, _ in r.headers or ()):
            raise Rejected("a header is not UTF-8", reason="unreadable", delivery=delivery)
        try:
            event = decode(r.key, r.value or b"", list(r.headers or []))
        except ValueError as exc:
            text = f"not a binary-mode CloudEvent ({type(exc.__cause__ or exc).__name__})"
            raise Rejected(text, reason="not_a_cloudevent", delivery=delivery) from exc
        if owned:  # before any handler or its dedupe: a forged event must not take an id
            accept(r.topic, event.source, event.type, delivery=delivery)
        if event.type == CHECKPOINT_TYPE and not checkpoints:
            continue  # a relay's signed chain head: for auditors, not for handlers
        events.append((event, delivery))
    return events


def poll_at_once_when_empty(subscriber: Any) -> None:
    """FastStream's batch subscriber sleeps ``batch_timeout_ms`` after a poll that found
    nothing, and a record arriving then waits out the sleep (up to 50 ms, half the time,
    on a quiet consumer: a single user's read-your-writes). The poll has already waited
    that long for a record; this one polls again at once."""

    async def get_msg(consumer: Any) -> tuple[Any, ...]:
        found = await consumer.getmany(
            timeout_ms=subscriber.batch_timeout_ms, max_records=subscriber.max_records
        )
        return tuple(chain.from_iterable(found.values()))

    if hasattr(subscriber, "batch_timeout_ms"):
        subscriber.get_msg = get_msg


def subscribe_batch(
    broker: KafkaBroker,
    common: CommonSettings,
    *,
    topics: Sequence[str],
    group_id: str,
    handler: BatchHandler,
    batch: bool = True,
    max_records: int = 500,
    batch_timeout_ms: int = 50,
    fetch_max_wait_ms: int | None = None,
    max_attempts: int = 5,
    first_backoff: float = 0.2,
    max_poll_interval_ms: int = MAX_POLL_INTERVAL_MS,
    owned: bool = True,
    checkpoints: bool = False,
) -> Any:
    """Register ``handler`` for batches of ``topics`` in consumer group ``group_id``.

    The handler gets what one fetch returned; it should name the message it rejects
    (``Rejected(..., delivery=...)``), else a failing batch is retried one by one.
    With ``owned`` (always, outside tests of the mechanism itself) the owner rule holds:
    only the types and the ``source`` of the topic's owner reach the handler, the rest
    is parked as ``foreign_source``, ``unknown_type`` or ``unknown_topic``; the relays'
    checkpoints are skipped unless ``checkpoints`` (the read side keeps them for verify).
    """
    guard = Guard(
        broker,
        Policy(
            group_id=group_id,
            max_attempts=max_attempts,
            first_backoff=first_backoff,
            hold=max_poll_interval_ms / 5000,
        ),
    )
    router = KafkaRouter(middlewares=(guard,))

    async def on_records(records: Any) -> None:
        await handler(_inbound(records, owned, checkpoints))

    subscriber = router.subscriber(
        *topics,
        group_id=group_id,
        batch=batch,
        batch_timeout_ms=batch_timeout_ms,
        max_records=max_records,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        max_poll_interval_ms=max_poll_interval_ms,
        session_timeout_ms=common.kafka_session_timeout_ms,
        heartbeat_interval_ms=common.kafka_heartbeat_interval_ms,
        fetch_max_wait_ms=fetch_max_wait_ms or common.kafka_fetch_max_wait_ms,
        parser=_tolerant,
        decoder=_records,
    )
    subscriber(on_records)
    poll_at_once_when_empty(subscriber)
    broker.include_router(router)
    return subscriber


def subscribe(
    broker: KafkaBroker,
    common: CommonSettings,
    *,
    topic: str,
    group_id: str,
    handler: Handler,
    max_attempts: int = 5,
    first_backoff: float = 0.2,
    max_poll_interval_ms: int = MAX_POLL_INTERVAL_MS,
    owned: bool = True,
) -> Any:
    """Register ``handler`` for ``topic``, one message at a time, in group ``group_id``
    (``owned``: see ``subscribe_batch``)."""

    async def one(events: list[tuple[InboundEvent, Delivery]]) -> None:
        for event, delivery in events:
            await handler(event, delivery)

    return subscribe_batch(
        broker,
        common,
        topics=[topic],
        group_id=group_id,
        handler=one,
        batch=False,
        max_attempts=max_attempts,
        first_backoff=first_backoff,
        max_poll_interval_ms=max_poll_interval_ms,
        owned=owned,
    )
