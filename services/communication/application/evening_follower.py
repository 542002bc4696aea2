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
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from services.communication.application.evening_messages import CANCELLATION, announcement, tell
from services.communication.application.evening_store import EveningStore, RegistrantErasure
from services.communication.application.ports import Renderer, Store, StoreTx
from services.communication.application.queueing import queue_all
from services.communication.domain.theme_evening import Registration, ThemeEvening
from shared.contracts import communication as wire

NAME = "theme_evenings"


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
        """Follow every event stored so far; returns how many were followed now."""
        done = 0
        with self._lock:
            while True:
                with self._store.transaction() as tx:
                    after = tx.followed(NAME)
                found = self._app.recorder.select_notifications(start=after + 1, limit=self._batch)
                for notification in found:
                    self._follow(self._app.mapper.to_domain_event(notification), notification.id)
                    done += 1
                if len(found) < self._batch:
                    return done

    def _follow(self, event: Any, position: int) -> None:
        evening = self._app.get_evening_by_id(event.originator_id)  # (cached: fast)
        if evening.version != event.originator_version:  # catching up: as it was then
            evening = self._app.get_evening_by_id(event.originator_id, event.originator_version)
        kind = type(event).__name__
        with self._store.transaction() as tx:
            if tx.followed(NAME) >= position:
                return  # another process followed it meanwhile
            if kind in ("Planned", "CarriedOver"):
                tx.index_evening(evening.evening_id, evening.starts())
            if kind != "CarriedOver":  # carried over: published and told in its time
                queued = self._effects(tx, kind, event, evening)
                if kind == "Announced":
                    self.results[(evening.evening_id, evening.version)] = queued
                self._publish(tx, kind, event, evening, queued)
            tx.follow(NAME, position)

    def _effects(self, tx: StoreTx, kind: str, event: Any, evening: ThemeEvening) -> int:
        at: datetime = event.at
        told: list[Registration | None] | list[Registration]
        if kind == "Announced":
            return queue_all(tx, announcement(tx, evening), self._renderer, at, event.actor)
        if kind == "SignedUp":
            told = [evening.find(event.registration_id)]
            what = f"registration:{event.status}"
        elif kind == "SignUpCancelled":
            before = self._app.get_evening_by_id(event.originator_id, evening.version - 1)
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
