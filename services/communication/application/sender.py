"""The sender: takes queued messages one by one, asks for consent and contact *now*,
renders, delivers, records.

A relative's name, address and current consents are fetched from the cases service
(:class:`Contacts`) for each delivery and never stored here: the message log keeps ids,
codes and the outcome. If the cases service cannot answer, the message waits and is
tried again (it is neither lost nor sent without an answer). An erased relative's
message is suppressed with ``recipient_erased``, a removed one's with
``relative_removed``, and a missing consent with ``consent_missing``.

A message is leased (status ``sending``) when claimed. If the process dies after the
channel accepted the message but before ``sent`` is recorded, the lease expires and the
message is delivered again with the same Message-ID / Idempotency-Key, which the
receiving side deduplicates (see docs/communication.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from services.communication.application.evening_messages import CONFIRMS_CANCELLATION
from services.communication.application.ports import (
    Channel,
    Contacts,
    ContactsUnavailable,
    Renderer,
    Store,
    StoreTx,
)
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
from services.communication.domain.model import Preferences, relative_channel
from shared.contracts import communication as wire
from shared.logging import get_logger

log = get_logger(__name__)


def _local(tx: StoreTx, m: Message) -> tuple[str | None, Preferences]:
    """What this service knows itself: removed, opted out; and the relative's choices."""
    if m.recipient_type != "relative" or m.case_id is None:
        return None, Preferences()
    view = tx.load_case(m.case_id)
    relative = view.relatives.get(m.recipient_id) if view else None
    if relative is None:
        return "relative_removed", Preferences()
    if relative.removed:
        return "relative_removed", relative.preferences
    if m.template in relative.preferences.opt_out_kinds:
        return "opted_out", relative.preferences
    return None, relative.preferences


class Sender:
    """Delivers queued messages through their channels, with retries and backoff."""

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, Channel],
        *,
        contacts: Contacts,
        renderer: Renderer,
        clock: Callable[[], datetime],
        max_attempts: int = 5,
        backoff_seconds: float = 5.0,
        lease_seconds: float = 60.0,
    ) -> None:
        self._store = store
        self._channels = channels
        self._contacts = contacts
        self._renderer = renderer
        self._clock = clock
        self._max_attempts = max_attempts
        self._backoff = backoff_seconds
        self._lease = timedelta(seconds=lease_seconds)

    def _claim(self) -> tuple[Message | None, Preferences, bool]:
        """(message to deliver, the relative's preferences, whether one was due at all)."""
        now = self._clock()
        with self._store.transaction() as tx:
            message = tx.claim_next(stamp(now), stamp(now + self._lease))
            if message is None:
                return None, Preferences(), False
            reason, preferences = _local(tx, message)
            if reason is None:
                return message, preferences, True
        self._suppress(message, reason)
        return None, preferences, True

    def _suppress(self, m: Message, reason: str) -> None:
        now = self._clock()
        with self._store.transaction() as tx:
            tx.mark(m.message_id, SUPPRESSED, now=stamp(now), error=reason)
            _done(tx, m)
            tx.publish(
                f"{m.message_id}:suppressed",
                m.message_id,
                wire.message_event(wire.MessageSuppressed, **_common(m, now), reason=reason),
            )
        log.info("message_suppressed", message_id=m.message_id, reason=reason)

    def _wait(self, m: Message, code: str) -> None:
        """The cases service did not answer: try again later; the try does not count."""
        now = self._clock()
        retry_at = stamp(now + backoff(m.attempts, self._backoff))
        with self._store.transaction() as tx:
            tx.mark(
                m.message_id, QUEUED, now=stamp(now), error=code, retry_at=retry_at, uncount=True
            )
        log.warning("message_waits", message_id=m.message_id, error=code)

    def _record(self, m: Message, outcome: str, code: str | None) -> None:
        now = self._clock()
        with self._store.transaction() as tx:
            if outcome == SENT:
                tx.mark(m.message_id, SENT, now=stamp(now), channel=m.channel)
                _done(tx, m)
                tx.publish(
                    f"{m.message_id}:sent",
                    m.message_id,
                    wire.message_event(wire.MessageSent, **_common(m, now), attempts=m.attempts),
                )
            elif outcome == FAILED:
                tx.mark(m.message_id, FAILED, now=stamp(now), error=code, channel=m.channel)
                _done(tx, m)
                tx.publish(
                    f"{m.message_id}:failed",
                    m.message_id,
                    wire.message_event(
                        wire.MessageFailed,
                        **_common(m, now),
                        attempts=m.attempts,
                        reason=code or "failed",
                    ),
                )
            else:
                retry_at = stamp(now + backoff(m.attempts, self._backoff))
                tx.mark(m.message_id, QUEUED, now=stamp(now), error=code, retry_at=retry_at)

    async def _addressed(self, m: Message, preferences: Preferences) -> Message | str | None:
        """The message with recipient, address and body filled in for this delivery; a
        suppression reason, or None when it must wait for the cases service."""
        context = json.loads(m.context or "{}")
        if m.recipient_type == "registrant" and not m.address:
            return "recipient_erased"  # a cancelled sign-up: its key is destroyed
        if m.recipient_type == "relative" and m.case_id is not None:
            try:
                contact = await self._contacts.contact(m.case_id, m.recipient_id)
            except ContactsUnavailable:
                return None
            if contact is None:
                return "relative_removed"
            refusal = contact.refusal(m.consent_scope)
            if refusal is not None:
                return refusal
            route = relative_channel(contact, preferences)
            channel, address = route if route else (None, None)
            m = replace(m, channel=channel or "none", address=address)
            context = {
                **context,
                "name": contact.name or "",
                "contact_person": contact.contact_person or "",
            }
        context = {"name": "", **context, "message_id": m.message_id}
        subject, text, html = self._renderer.render(m.template, context)
        return replace(m, subject=subject, body_text=text, body_html=html)

    async def send_next(self) -> bool:
        """Handle one due message; False when none was due."""
        claimed, preferences, due = await asyncio.to_thread(self._claim)
        if claimed is None:
            return due
        addressed = await self._addressed(claimed, preferences)
        if addressed is None:
            await asyncio.to_thread(self._wait, claimed, "contacts_unavailable")
            return True
        if isinstance(addressed, str):
            await asyncio.to_thread(self._suppress, claimed, addressed)
            return True
        outcome, code = await self._deliver(addressed)
        await asyncio.to_thread(self._record, addressed, outcome, code)
        log.info(
            "message_" + outcome,
            message_id=addressed.message_id,
            channel=addressed.channel,
            attempts=addressed.attempts,
            error=code,
        )
        return True

    async def _deliver(self, m: Message) -> tuple[str, str | None]:
        if m.channel == "none":
            return FAILED, "no_channel"
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


SIGN_UP_CANCELLED = "theme evening sign-up cancelled"


def _done(tx: StoreTx, m: Message) -> None:
    """A message is done with (sent, failed, suppressed): the confirmation of a cancelled
    sign-up was the last use of its registrant's address, so the sign-up's key goes."""
    if m.rule == CONFIRMS_CANCELLATION and m.trigger_id.startswith("evening:"):
        tx.forget_registrant(
            m.trigger_id.removeprefix("evening:"), m.recipient_id, SIGN_UP_CANCELLED
        )
