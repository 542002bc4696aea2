"""The sender: takes queued messages one by one, checks consent *now*, delivers, records.

A message is leased (status ``sending``) in the same transaction that checks consent, so
a withdrawal committed before that moment always wins. If the process dies after the
channel accepted the message but before ``sent`` is recorded, the lease expires and the
message is delivered again with the same Message-ID / Idempotency-Key, which the
receiving side deduplicates (see docs/communication.md).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from services.communication.application.ports import Channel, Store, StoreTx
from services.communication.application.queueing import fields_of
from services.communication.domain.message import (
    FAILED,
    QUEUED,
    SENT,
    SUPPRESSED,
    Message,
    PermanentFailure,
    TransientFailure,
    backoff,
    stamp,
)
from shared.contracts import communication as wire
from shared.logging import get_logger

log = get_logger(__name__)


def _suppression(tx: StoreTx, m: Message) -> str | None:
    """Why a relative's message must not go out now (None: it may)."""
    if m.recipient_type != "relative" or m.case_id is None:
        return None
    view = tx.load_case(m.case_id)
    relative = view.relatives.get(m.recipient_id) if view else None
    if relative is None:
        return "relative_removed"
    return relative.may_receive(m.consent_scope, m.template)


class Sender:
    """Delivers queued messages through their channels, with retries and backoff."""

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, Channel],
        *,
        clock: Callable[[], datetime],
        max_attempts: int = 5,
        backoff_seconds: float = 5.0,
        lease_seconds: float = 60.0,
    ) -> None:
        self._store = store
        self._channels = channels
        self._clock = clock
        self._max_attempts = max_attempts
        self._backoff = backoff_seconds
        self._lease = timedelta(seconds=lease_seconds)

    def _claim(self) -> tuple[Message | None, bool]:
        """(message to deliver, whether a message was due at all)."""
        now = self._clock()
        with self._store.transaction() as tx:
            message = tx.claim_next(stamp(now), stamp(now + self._lease))
            if message is None:
                return None, False
            reason = _suppression(tx, message)
            if reason is None:
                return message, True
            tx.mark(message.message_id, SUPPRESSED, now=stamp(now), error=reason)
            tx.publish(
                f"{message.message_id}:suppressed",
                message.message_id,
                wire.MessageSuppressed(**_common(message, now), reason=reason),
            )
        log.info("message_suppressed", message_id=message.message_id, reason=reason)
        return None, True

    def _record(self, m: Message, outcome: str, code: str | None) -> None:
        now = self._clock()
        with self._store.transaction() as tx:
            if outcome == SENT:
                tx.mark(m.message_id, SENT, now=stamp(now))
                tx.publish(
                    f"{m.message_id}:sent",
                    m.message_id,
                    wire.MessageSent(**_common(m, now), attempts=m.attempts),
                )
            elif outcome == FAILED:
                tx.mark(m.message_id, FAILED, now=stamp(now), error=code)
                tx.publish(
                    f"{m.message_id}:failed",
                    m.message_id,
                    wire.MessageFailed(
                        **_common(m, now), attempts=m.attempts, reason=code or "failed"
                    ),
                )
            else:
                retry_at = stamp(now + backoff(m.attempts, self._backoff))
                tx.mark(m.message_id, QUEUED, now=stamp(now), error=code, retry_at=retry_at)

    async def send_next(self) -> bool:
        """Handle one due message; False when none was due."""
        message, due = await asyncio.to_thread(self._claim)
        if message is None:
            return due
        outcome, code = await self._deliver(message)
        await asyncio.to_thread(self._record, message, outcome, code)
        log.info(
            "message_" + outcome,
            message_id=message.message_id,
            channel=message.channel,
            attempts=message.attempts,
            error=code,
        )
        return True

    async def _deliver(self, m: Message) -> tuple[str, str | None]:
        channel = self._channels.get(m.channel or "")
        if channel is None:
            return FAILED, "channel_not_configured"
        try:
            await channel.send(m)
            return SENT, None
        except PermanentFailure as exc:
            return FAILED, exc.code
        except TransientFailure as exc:
            if m.attempts >= self._max_attempts:
                return FAILED, f"retries_exhausted:{exc.code}"
            return QUEUED, exc.code

    async def run(self, stop: asyncio.Event, idle_wait: float = 0.5) -> None:
        """Send until ``stop`` is set; database errors are retried after a pause."""
        while not stop.is_set():
            try:
                busy = await self.send_next()
            except Exception as exc:
                log.warning("sender_retry", error=type(exc).__name__)
                busy = False
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), idle_wait)


def _common(m: Message, now: datetime) -> dict[str, object]:
    return {**fields_of(m), "occurred_at": now, "actor": "system"}
