"""What follows from a theme evening's events, done once per event.

The follower reads the evening store's notification log after its position and, per
event, in one transaction of the service's database: queues the invitations and the
registrants' messages (ids from rule, trigger and recipient, so a message exists at
most once however often an event is followed), puts the event's wire form in the outbox
(``ce_id`` ``<evening id>:<version>``), keeps the list of evenings by start, and moves
its position. A process killed between storing an event and following it leaves the
event to the next catch-up (every command and every start ends with one), so each
message is queued exactly once. A cancelled sign-up is confirmed to its registrant (read
from the evening as it was before the cancellation); the sender destroys the sign-up's
key once that confirmation is done (``sender.py``), so the address lives until then.

Everything an event's effects read from the event store (and so from the key store) is
read before the transaction opens: on SQLite the key store shares the thread's
connection, which cannot begin a transaction inside one.

A follow that fails never fails the command that stored the event (it is stored; the
command answers it). The event's evening is *held* (a ``followed`` row
``theme_evenings:held:<evening uuid>`` at the first event of it not yet followed): later
events of that evening wait, in order, while every other evening's are followed on. Each
catch-up (every command, every start, the consumer's retry) tries the held evenings
first; a held evening is logged (``evening_follow_failed``, ids and the error's type
only) and counted (``pkraft_communication_evenings_held``,
``pkraft_communication_follow_failures_total``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from eventsourcing.persistence import Notification
from prometheus_client import Counter, Gauge

from services.communication.application.evening_messages import CANCELLATION, announcement, tell
from services.communication.application.evening_store import EveningStore, RegistrantErasure
from services.communication.application.ports import Renderer, Store, StoreTx
from services.communication.application.queueing import queue_all
from services.communication.domain.theme_evening import Registration, ThemeEvening
from shared.contracts import communication as wire
from shared.logging import get_logger

NAME = "theme_evenings"
HELD = f"{NAME}:held:"  # + the evening's uuid: its first event not followed yet
FAILURES = Counter(
    "pkraft_communication_follow_failures_total", "Theme-evening events whose follow failed"
)
HELD_EVENINGS = Gauge(
    "pkraft_communication_evenings_held", "Theme evenings whose events wait for a failed one"
)
log = get_logger(__name__)


class EveningFollower:
    """Follows the evening store; ``results`` holds how many invitations each
    announcement queued, until the command that stored it takes the number."""

    def __init__(
        self,
        app: EveningStore,
        store: Store,
        renderer: Renderer,
        erasure: RegistrantErasure,
        batch: int = 100,
    ) -> None:
        self._app = app
        self._store = store
        self._renderer = renderer
        self.erasure = erasure
        self._batch = batch
        self._lock = threading.Lock()
        self.results: dict[tuple[str, int], int] = {}

    def catch_up(self) -> int:
        """Follow every event stored so far (the held evenings first); returns how many
        were followed now. Never raises: what failed is held and tried again later."""
        with self._lock:
            done = 0
            try:
                done += self._retry_held()
                done += self._follow_new()
            except Exception as exc:  # the store did not answer: the next catch-up
                FAILURES.inc()
                log.warning("evening_catch_up_failed", error=type(exc).__name__)
            return done

    def held(self) -> dict[str, int]:
        """The held evenings (uuid -> the position of the first event not followed)."""
        with self._store.transaction() as tx:
            return _held(tx)

    def _follow_new(self) -> int:
        done = 0
        while True:
            with self._store.transaction() as tx:
                after, held = tx.followed(NAME), _held(tx)
            found = self._app.recorder.select_notifications(start=after + 1, limit=self._batch)
            for n in found:
                evening = str(n.originator_id)
                if evening in held and self._pass(evening, n.id):
                    continue  # its evening waits for an earlier event of it
                try:
                    self._follow(self._app.mapper.to_domain_event(n), n.id)
                    done += 1
                except Exception as exc:
                    self._hold(evening, n, exc)
                    held[evening] = n.id
            if len(found) < self._batch:
                return done

    def _pass(self, evening: str, position: int) -> bool:
        """Move past an event of a held evening; False when it is held no longer."""
        with self._store.transaction() as tx:
            if tx.followed(NAME, lock=True) >= position:
                return True
            if tx.followed(HELD + evening) == 0:
                return False
            tx.follow(NAME, position)
            return True

    def _hold(self, evening: str, n: Notification, exc: Exception) -> None:
        _failed(evening, n, exc)
        with self._store.transaction() as tx:
            if tx.followed(NAME, lock=True) >= n.id:
                return  # another process followed it meanwhile
            if tx.followed(HELD + evening) == 0:
                tx.follow(HELD + evening, n.id)
            tx.follow(NAME, n.id)
            _held(tx)

    def _retry_held(self) -> int:
        done = 0
        for evening in self.held():
            while (step := self._retry(evening)) is not None:
                done += step
        return done

    def _retry(self, evening: str) -> int | None:
        """Follow the held evening's waiting events in order: how many were followed,
        None when it is released or failed again (held at that event)."""
        with self._store.transaction() as tx:
            start, last = tx.followed(HELD + evening), tx.followed(NAME)
        if start == 0:
            return None
        mine = [n for n in self._between(start, last) if str(n.originator_id) == evening]
        if not mine:
            with self._store.transaction() as tx:
                if tx.followed(NAME, lock=True) == last and tx.followed(HELD + evening) == start:
                    tx.follow(HELD + evening, 0)
                    _held(tx)
                    log.info("evening_follow_resumed", evening=evening)
                    return None
            return 0
        for n in mine:
            try:
                self._follow(self._app.mapper.to_domain_event(n), n.id, HELD + evening)
            except Exception as exc:
                _failed(evening, n, exc)
                return None
        return len(mine)

    def _between(self, start: int, last: int) -> Sequence[Notification]:
        found: list[Notification] = []
        while start <= last:
            page = self._app.recorder.select_notifications(
                start=start, limit=self._batch, stop=last
            )
            found.extend(page)
            if len(page) < self._batch:
                break
            start = page[-1].id + 1
        return found

    def _follow(self, event: Any, position: int, held: str | None = None) -> None:
        """Follow one event; ``held``: the hold of its evening, moved past it after."""
        evening = self._app.get_evening_by_id(event.originator_id)  # (cached: fast)
        if evening.version != event.originator_version:  # catching up: as it was then
            evening = self._app.get_evening_by_id(event.originator_id, event.originator_version)
        kind = type(event).__name__
        before = None  # read (and its keys) before the transaction: see the module's text
        if kind == "SignUpCancelled":
            before = self._app.get_evening_by_id(event.originator_id, evening.version - 1)
        with self._store.transaction() as tx:
            if held is None and tx.followed(NAME) >= position:
                return  # another process followed it meanwhile
            if held is not None and not 0 < tx.followed(held, lock=True) <= position:
                return  # another process followed it (or the hold) meanwhile
            if kind in ("Planned", "CarriedOver"):
                tx.index_evening(evening.evening_id, evening.starts())
            if kind != "CarriedOver":  # carried over: published and told in its time
                queued = self._effects(tx, kind, event, evening, before)
                if kind == "Announced":
                    self.results[(evening.evening_id, evening.version)] = queued
                self._publish(tx, kind, event, evening, queued)
            if held is None:
                tx.follow(NAME, position)
            else:
                tx.follow(held, position + 1)

    def _effects(
        self, tx: StoreTx, kind: str, event: Any, evening: ThemeEvening, before: Any
    ) -> int:
        at: datetime = event.at
        told: list[Registration | None] | list[Registration]
        if kind == "Announced":
            return queue_all(tx, announcement(tx, evening), self._renderer, at, event.actor)
        if kind == "SignedUp":
            told = [evening.find(event.registration_id)]
            what = f"registration:{event.status}"
        elif kind == "SignUpCancelled":
            leaving = [r for r in [before.find(event.registration_id)] if r is not None]
            queued = queue_all(tx, tell(before, leaving, CANCELLATION), self._renderer, at)
            told = [evening.find(event.promoted_registration_id or "")]
            what = "registration:promoted"
            regs = [r for r in told if r is not None]
            return queued + queue_all(tx, tell(evening, regs, what), self._renderer, at)
        elif kind == "Cancelled":
            told, what = list(evening.live()), "cancelled"
        else:
            return 0
        regs = [r for r in told if r is not None]
        return queue_all(tx, tell(evening, regs, what), self._renderer, at)

    @staticmethod
    def _publish(tx: StoreTx, kind: str, event: Any, evening: ThemeEvening, queued: int) -> None:
        fields: dict[str, Any]
        if kind == "Planned":
            model: type[wire.ThemeEveningEvent] = wire.ThemeEveningCreated
            fields = {
                "topic": evening.topic,
                "organiser": evening.organiser,
                "starts_at": evening.starts_at,
                "capacity": evening.capacity,
            }
        elif kind == "Announced":
            model, fields = wire.ThemeEveningAnnounced, {"invitations": queued}
        elif kind == "SignedUp":
            model = wire.ThemeEveningRegistered
            fields = {"registration_id": event.registration_id, "status": event.status}
        elif kind == "SignUpCancelled":
            model = wire.ThemeEveningRegistrationCancelled
            fields = {
                "registration_id": event.registration_id,
                "promoted_registration_id": event.promoted_registration_id,
            }
        else:
            model, fields = wire.ThemeEveningCancelled, {}
        published = model(
            occurred_at=event.at,
            actor=event.actor,
            evening_id=evening.evening_id,
            evening_version=evening.version,
            **fields,
        )
        tx.publish(f"{evening.evening_id}:{evening.version}", evening.evening_id, published)


def _held(tx: StoreTx) -> dict[str, int]:
    """The held evenings (uuid -> the first event of it not followed); counted."""
    found = tx.following(HELD)
    HELD_EVENINGS.set(len(found))
    return {name.removeprefix(HELD): position for name, position in found.items()}


def _failed(evening: str, n: Notification, exc: Exception) -> None:
    """Logged with ids only (an error's text may quote a value) and counted."""
    FAILURES.inc()
    kind = n.topic.rsplit(".", 1)[-1]
    log.warning(
        "evening_follow_failed", evening=evening, position=n.id, kind=kind, error=type(exc).__name__
    )
