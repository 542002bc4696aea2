"""The middleware every subscriber shares: retries, outage waits, dead letters, metrics.

It sits inside FastStream's acknowledgement middleware (``AckPolicy.NACK_ON_ERROR``), so
the offset is committed only when the handler finished or the message was durably
parked; a message this middleware gives up on is *nacked*: its partition is rewound and
it is fetched again.

- A message the handler rejects (``Rejected``, pydantic ``ValidationError``) is parked at
  once on ``<topic>.dlq``; a batch goes on without it.
- A failure of the infrastructure (``TRANSIENT``: database or network down, and a dead
  letter that cannot be published) is waited out, however long: never parked.
- Any other error is retried ``max_attempts`` times, then parked as ``retries_exhausted``;
  a failing batch is first split and retried message by message.
- One delivery is held in the handler at most ``hold`` seconds, well below the consumer's
  ``max_poll_interval_ms``; then it is nacked and fetched again. So the member keeps
  polling and stays in its group through an outage of any length.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from copy import copy
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from faststream import BaseMiddleware
from faststream.exceptions import HandlerException, NackMessage
from faststream.kafka import KafkaBroker
from faststream.message import StreamMessage
from pydantic import ValidationError

from shared.kafka.errors import TRANSIENT, Rejected, reason_text
from shared.logging import get_logger
from shared.metrics import CONSUMER_LAG, DEAD_LETTERS

log = get_logger(__name__)

ORIGINAL = "dlq_original"  # <topic>/<partition>/<offset> of the message first parked

CallNext = Callable[[StreamMessage[Any]], Awaitable[Any]]


def dlq_topic(topic: str) -> str:
    return f"{topic}.dlq"


def records_of(raw: Any) -> tuple[Any, ...]:
    """The records of a delivery: one for a plain subscriber, many for a batch."""
    return tuple(raw) if isinstance(raw, list | tuple) else (raw,)


def _position(record: Any) -> tuple[str, int, int]:
    return (record.topic, record.partition, record.offset)


@dataclass(frozen=True)
class Policy:
    """How one subscriber retries and parks."""

    group_id: str
    max_attempts: int = 5
    first_backoff: float = 0.2
    max_backoff: float = 30.0
    hold: float = 60.0


class Guard:
    """The middleware factory of one subscriber (FastStream builds one per delivery)."""

    def __init__(self, broker: KafkaBroker, policy: Policy) -> None:
        self.broker, self.policy = broker, policy
        # Parked positions of a delivery that was then nacked, so that its redelivery
        # does not park them twice.
        self.parked: dict[tuple[str, int, int], None] = {}

    def __call__(self, msg: Any, /, *, context: Any) -> _Guarded:
        return _Guarded(msg, context=context, guard=self)

    async def park(self, record: Any, reason: str, error: str, wait: _Wait) -> None:
        """Publish ``record`` to its dead-letter topic; waits out a broker that is down."""
        headers = {k: v.decode(errors="replace") for k, v in (record.headers or [])}
        # The original's coordinates: set here when first parked, kept when a replayed
        # copy (which carries them) is parked again, so a replay sends the original once.
        headers.setdefault(ORIGINAL, f"{record.topic}/{record.partition}/{record.offset}")
        headers.update(
            {
                "dlq_reason": reason,
                "dlq_error": error[:500],
                "dlq_source": f"{record.topic}/{record.partition}/{record.offset}",
                "dlq_group": self.policy.group_id,
            }
        )
        while True:
            try:
                await self.broker.publish(
                    record.value or b"",
                    topic=dlq_topic(record.topic),
                    key=record.key,
                    headers=headers,
                )
                break
            except Exception as exc:
                log.warning("dead_letter_waits", topic=record.topic, error=type(exc).__name__)
                await wait.pause()
        self.parked[_position(record)] = None
        if len(self.parked) > 10_000:
            self.parked.pop(next(iter(self.parked)))
        DEAD_LETTERS.labels(record.topic).inc()
        log.warning("dead_lettered", topic=record.topic, offset=record.offset, reason=reason)

    async def handle(self, call_next: CallNext, msg: StreamMessage[Any], wait: _Wait) -> None:
        pending = [r for r in records_of(msg.raw_message) if _position(r) not in self.parked]
        await self._handle(call_next, msg, pending, wait)

    async def _handle(
        self, call_next: CallNext, msg: StreamMessage[Any], pending: list[Any], wait: _Wait
    ) -> None:
        attempts = 0
        while pending:
            try:
                await call_next(_narrowed(msg, pending))
                return
            except (Rejected, ValidationError) as exc:
                target = _target(pending, exc)
                if target is None:
                    return await self._one_by_one(call_next, msg, pending, wait)
                reason = exc.reason if isinstance(exc, Rejected) else "malformed"
                await self.park(target, reason, reason_text(exc), wait)
                pending = [r for r in pending if r is not target]
                continue
            except TRANSIENT as exc:
                log.warning("handler_waits_for_outage", error=type(exc).__name__)
            except Exception as exc:
                if len(pending) > 1:
                    log.warning("batch_retry_one_by_one", size=len(pending))
                    return await self._one_by_one(call_next, msg, pending, wait)
                attempts += 1
                if attempts >= self.policy.max_attempts:
                    await self.park(pending[0], "retries_exhausted", reason_text(exc), wait)
                    return
                log.warning("handler_retry", offset=pending[0].offset, attempt=attempts)
            await wait.pause()
        return None

    async def _one_by_one(
        self, call_next: CallNext, msg: StreamMessage[Any], pending: list[Any], wait: _Wait
    ) -> None:
        for record in pending:
            await self._handle(call_next, msg, [record], wait)

    def record_lag(self, msg: StreamMessage[Any]) -> None:
        """Set ``pkraft_consumer_lag_messages`` for the partitions of this delivery."""
        consumer = getattr(msg, "consumer", None)
        if not isinstance(consumer, AIOKafkaConsumer):
            return
        last: dict[TopicPartition, int] = {}
        for r in records_of(msg.raw_message):
            last[TopicPartition(r.topic, r.partition)] = r.offset
        for tp, offset in last.items():
            highwater = consumer.highwater(tp)
            if highwater is not None:
                CONSUMER_LAG.labels(self.policy.group_id, tp.topic).set(
                    max(0, highwater - offset - 1)
                )


def _target(pending: Sequence[Any], exc: Exception) -> Any | None:
    """The record a rejection is about: named by the handler, or the only one."""
    where = getattr(exc, "delivery", None)
    if where is not None:
        for r in pending:
            if (r.topic, r.partition, r.offset) == (where.topic, where.partition, where.offset):
                return r
    return pending[0] if len(pending) == 1 else None


def _narrowed(msg: StreamMessage[Any], pending: list[Any]) -> StreamMessage[Any]:
    if len(pending) == len(records_of(msg.raw_message)):
        return msg
    sub = copy(msg)
    sub.raw_message = tuple(pending)
    return sub


class _Wait:
    """Backoff within one delivery's hold; past it (or at shutdown) the delivery is nacked."""

    def __init__(self, policy: Policy, stopping: Callable[[], bool]) -> None:
        self.policy, self.stopping = policy, stopping
        self.deadline = time.monotonic() + policy.hold
        self.backoff = policy.first_backoff

    async def pause(self) -> None:
        if time.monotonic() + self.backoff > self.deadline:
            raise NackMessage()  # rewind and fetch again: the member polls, the group holds
        until = time.monotonic() + self.backoff
        while (left := until - time.monotonic()) > 0:
            if self.stopping():  # shutting down: leave the message for the next owner
                raise NackMessage()
            await asyncio.sleep(min(left, 0.5))
        self.backoff = min(self.backoff * 2, self.policy.max_backoff)


class _Guarded(BaseMiddleware[Any, Any]):
    def __init__(self, msg: Any, /, *, context: Any, guard: Guard) -> None:
        super().__init__(msg, context=context)
        self.guard = guard

    def _stopping(self) -> bool:
        subscriber = self.context.get_local("handler_")
        return subscriber is not None and not getattr(subscriber, "running", True)

    async def consume_scope(self, call_next: CallNext, msg: StreamMessage[Any]) -> Any:
        self.guard.record_lag(msg)
        await self.guard.handle(call_next, msg, _Wait(self.guard.policy, self._stopping))
        # Done (the offset is committed next): forget what was parked of it, since
        # the memory only bridges a nack and the redelivery that follows it.
        for r in records_of(msg.raw_message):
            self.guard.parked.pop(_position(r), None)
        return None

    async def after_processed(
        self,
        exc_type: type[BaseException] | None = None,
        exc_val: BaseException | None = None,
        exc_tb: TracebackType | None = None,
    ) -> bool | None:
        # Only FastStream's own parsing can fail outside consume_scope (say, a header
        # that is not UTF-8): park such records rather than rewind to them for ever.
        if not isinstance(exc_val, Exception) or isinstance(exc_val, HandlerException):
            return False
        wait = _Wait(self.guard.policy, self._stopping)
        try:
            for record in records_of(self.msg):
                await self.guard.park(record, "unreadable", reason_text(exc_val), wait)
        except NackMessage:
            return False
        return True
