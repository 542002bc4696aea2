"""Theme evenings: plan, announce to interested relatives, register, cancel.

Each command loads the evening from its event store, lets the aggregate decide, stores
the new events (a stale If-Match, or a write that lost a race, is 409
``version_conflict`` with the current version) and then has the follower do what
follows (messages, outbox, the list), so the answer already reflects it.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from eventsourcing.persistence import IntegrityError

from services.communication.application.evening_follower import EveningFollower
from services.communication.application.evening_messages import ANNOUNCEMENT, trigger
from services.communication.application.evening_store import EveningStore
from services.communication.application.ports import Store
from services.communication.domain.theme_evening import Registration, ThemeEvening
from shared.errors import ConflictError


class ThemeEvenings:
    """Application methods for theme evenings."""

    def __init__(
        self,
        app: EveningStore,
        store: Store,
        follower: EveningFollower,
        clock: Callable[[], datetime],
    ) -> None:
        self.app = app
        self._store = store
        self.follower = follower
        self._clock = clock
        self._lock = threading.Lock()  # one writer per process; others meet at the store

    def create(self, actor: str, **fields: Any) -> ThemeEvening:
        """Plan an evening (409 ``theme_evening_exists`` for an id in use)."""
        evening = ThemeEvening.plan(actor=actor, at=self._clock(), **fields)
        with self._lock:
            if self.app.exists(evening.evening_id):
                raise ConflictError("theme_evening_exists", "a theme evening with that id exists")
            try:
                self.app.save(evening)
            except IntegrityError as exc:
                raise ConflictError(
                    "theme_evening_exists", "a theme evening with that id exists"
                ) from exc
        self.follower.catch_up()
        return evening

    def get(self, evening_id: str) -> ThemeEvening:
        return self.app.get_evening(evening_id)

    def page(
        self, *, include_past: bool, limit: int, offset: int
    ) -> tuple[list[ThemeEvening], int]:
        """Evenings by starts_at ascending (those begun before now left out unless
        ``include_past``), one page of them and how many there are in all."""
        since = None if include_past else self._clock()
        with self._store.transaction() as tx:
            ids, total = tx.list_evenings(since, limit, offset)
        return [self.app.get_evening(i) for i in ids], total

    def announce(
        self, evening_id: str, expected: int | None, actor: str
    ) -> tuple[ThemeEvening, int]:
        """Announce to every consenting relative who opted in to the evening's topic;
        answers the evening and how many invitations were queued."""
        evening = self._change(evening_id, expected, lambda e: e.announce(actor, self._clock()))
        queued = self.follower.results.pop((evening_id, evening.version), None)
        if queued is None:  # another process followed it first: what it queued
            with self._store.transaction() as tx:
                queued = tx.count_messages(ANNOUNCEMENT, trigger(evening_id))
        return evening, queued

    def register(self, evening_id: str, name: str, email: str, actor: str) -> Registration:
        """A seat while there is one, else the waiting list; the registrant is told."""
        rid = uuid.uuid4().hex
        evening = self._change(
            evening_id, None, lambda e: e.register(rid, name, email, actor, self._clock())
        )
        found = evening.find(rid)
        assert found is not None
        return found

    def cancel_registration(self, evening_id: str, registration_id: str, actor: str) -> None:
        """Cancel a sign-up (its key destroyed); the first waiting takes a freed seat."""
        self._change(
            evening_id,
            None,
            lambda e: e.cancel_registration(registration_id, actor, self._clock()),
        )

    def cancel(self, evening_id: str, expected: int | None, actor: str) -> ThemeEvening:
        """Cancel the evening; everyone seated or waiting is told."""
        return self._change(evening_id, expected, lambda e: e.cancel(actor, self._clock()))

    def _change(
        self, evening_id: str, expected: int | None, change: Callable[[ThemeEvening], Any]
    ) -> ThemeEvening:
        with self._lock:
            evening = self.app.get_evening(evening_id)
            if expected is not None and expected != evening.version:
                raise ConflictError(
                    "version_conflict",
                    "the theme evening changed meanwhile",
                    current_version=evening.version,
                )
            change(evening)
            try:
                self.app.save(evening)
            except IntegrityError as exc:
                current = self.app.get_evening(evening_id).version
                raise ConflictError(
                    "version_conflict",
                    "the theme evening changed meanwhile",
                    current_version=current,
                ) from exc
        self.follower.catch_up()
        return evening
