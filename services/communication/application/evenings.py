"""Theme evenings: create, announce to interested relatives, register, cancel."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.communication.application.ports import Renderer, Store, StoreTx
from services.communication.application.queueing import queue_all
from services.communication.domain.audience import Broadcast, audience
from services.communication.domain.model import Outgoing, Recipient
from services.communication.domain.theme_evening import Registration, ThemeEvening
from shared.contracts import communication as wire
from shared.errors import ConflictError, NotFoundError


class ThemeEvenings:
    """Application methods for theme evenings (one transaction each)."""

    def __init__(self, store: Store, renderer: Renderer, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._renderer = renderer
        self._clock = clock

    def create(self, actor: str, **fields: Any) -> ThemeEvening:
        evening = ThemeEvening.create(**fields)
        now = self._clock()
        with self._store.transaction() as tx:
            tx.save_evening(evening, None)
            self._publish(
                tx,
                evening,
                wire.ThemeEveningCreated,
                now,
                actor,
                topic=evening.topic,
                organiser=evening.organiser,
                starts_at=evening.starts_at,
                capacity=evening.capacity,
            )
        return evening

    def get(self, evening_id: str) -> ThemeEvening:
        with self._store.transaction() as tx:
            return _load(tx, evening_id)

    def page(
        self, *, include_past: bool, limit: int, offset: int
    ) -> tuple[list[ThemeEvening], int]:
        """Evenings by starts_at ascending (those begun before now left out unless
        ``include_past``), one page of them and how many there are in all."""
        since = None if include_past else self._clock()
        with self._store.transaction() as tx:
            return tx.list_evenings(since, limit, offset)

    def announce(
        self, evening_id: str, expected: int | None, actor: str
    ) -> tuple[ThemeEvening, int]:
        """Announce to every consenting relative who opted in to the evening's topic."""
        now = self._clock()
        with self._store.transaction() as tx:
            evening = _load(tx, evening_id, expected)
            before = evening.version
            evening.announce()
            b = Broadcast(
                "theme_evening_announcement",
                f"evening:{evening_id}",
                "theme_evening",
                _context(evening),
                interest=evening.topic,
            )
            queued = queue_all(tx, audience(tx.cases_of(None), b), self._renderer, now, actor)
            tx.save_evening(evening, before)
            self._publish(tx, evening, wire.ThemeEveningAnnounced, now, actor, invitations=queued)
        return evening, queued

    def register(self, evening_id: str, name: str, email: str, actor: str) -> Registration:
        now = self._clock()
        with self._store.transaction() as tx:
            evening = _load(tx, evening_id)
            before = evening.version
            reg = evening.register(uuid.uuid4().hex, name, email, now.isoformat())
            tx.save_evening(evening, before)
            self._publish(
                tx,
                evening,
                wire.ThemeEveningRegistered,
                now,
                actor,
                registration_id=reg.registration_id,
                status=reg.status,
            )
            self._tell(tx, evening, [reg], f"registration:{reg.status}", now)
        return reg

    def cancel_registration(self, evening_id: str, registration_id: str, actor: str) -> None:
        now = self._clock()
        with self._store.transaction() as tx:
            evening = _load(tx, evening_id)
            before = evening.version
            promoted = evening.cancel_registration(registration_id)
            tx.save_evening(evening, before)
            self._publish(
                tx,
                evening,
                wire.ThemeEveningRegistrationCancelled,
                now,
                actor,
                registration_id=registration_id,
                promoted_registration_id=promoted.registration_id if promoted else None,
            )
            if promoted:
                self._tell(tx, evening, [promoted], "registration:promoted", now)

    def cancel(self, evening_id: str, expected: int | None, actor: str) -> ThemeEvening:
        now = self._clock()
        with self._store.transaction() as tx:
            evening = _load(tx, evening_id, expected)
            before = evening.version
            told = evening.cancel()
            tx.save_evening(evening, before)
            self._publish(tx, evening, wire.ThemeEveningCancelled, now, actor)
            self._tell(tx, evening, told, "cancelled", now)
        return evening

    def _tell(
        self, tx: StoreTx, evening: ThemeEvening, regs: list[Registration], what: str, now: datetime
    ) -> None:
        # Registrants gave their address for this evening themselves: no case consent applies.
        outgoing = [
            Outgoing(
                rule=f"theme_evening_{what}",
                trigger_id=f"evening:{evening.evening_id}",
                template="theme_evening_update",
                recipient=Recipient("registrant", r.registration_id, "email", r.email),
                case_id=None,
                tilbud_id=None,
                consent_scope=None,
                context={**_context(evening), "name": r.name, "what": what, "easy_read": False},
            )
            for r in regs
        ]
        queue_all(tx, outgoing, self._renderer, now)

    @staticmethod
    def _publish(
        tx: StoreTx,
        evening: ThemeEvening,
        model: type[wire.ThemeEveningEvent],
        now: datetime,
        actor: str,
        **fields: Any,
    ) -> None:
        event = model(
            occurred_at=now,
            actor=actor,
            evening_id=evening.evening_id,
            evening_version=evening.version,
            **fields,
        )
        tx.publish(f"{evening.evening_id}:{evening.version}", evening.evening_id, event)


def _context(evening: ThemeEvening) -> dict[str, Any]:
    return {
        "title": evening.title,
        "topic": evening.topic,
        "starts_at": evening.starts_at,
        "location": evening.location,
        "organiser": evening.organiser,
        "organiser_name": evening.organiser_name,
    }


def _load(tx: StoreTx, evening_id: str, expected: int | None = None) -> ThemeEvening:
    evening = tx.load_evening(evening_id)
    if evening is None:
        raise NotFoundError("theme_evening_not_found", "no theme evening with that id")
    if expected is not None and expected != evening.version:
        raise ConflictError(
            "version_conflict",
            "the theme evening changed meanwhile",
            current_version=evening.version,
        )
    return evening
