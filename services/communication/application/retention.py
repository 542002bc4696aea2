"""Retention of theme-evening registrants: their name and e-mail are kept until
``days`` after the evening, then their sign-up's key is destroyed (they read as null,
and a message not yet sent to them is suppressed, ``recipient_erased``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.communication.application.evening_store import EveningStore, RegistrantErasure
from services.communication.application.ports import Store

REASON = "retention: theme evening held more than {days} days ago"


@dataclass(frozen=True)
class Due:
    """An evening past retention with the sign-ups still readable (ids only)."""

    evening_id: str
    starts_at: str
    registration_ids: list[str]

    def as_dict(self) -> dict[str, object]:
        return {
            "evening_id": self.evening_id,
            "starts_at": self.starts_at,
            "registrations": self.registration_ids,
        }


class RegistrantRetention:
    """Finds (and with ``apply`` forgets) registrants kept past the retention period."""

    def __init__(
        self,
        app: EveningStore,
        store: Store,
        erasure: RegistrantErasure,
        days: int,
        clock: Callable[[], datetime],
    ) -> None:
        self._app = app
        self._store = store
        self._erasure = erasure
        self.days = days
        self._clock = clock

    def cutoff(self) -> datetime:
        """Evenings that started before this are past retention."""
        return self._clock() - timedelta(days=self.days)

    def due(self) -> list[Due]:
        with self._store.transaction() as tx:
            ids = tx.evenings_before(self.cutoff())
        found = []
        for evening_id in ids:
            evening = self._app.get_evening(evening_id)
            gone = self._erasure.destroyed(evening_id)  # fresh: not the cached evening's view
            readable = [
                r.registration_id
                for r in evening.registrations
                if r.status != "cancelled" and r.registration_id not in gone
            ]
            if readable:
                found.append(Due(evening_id, evening.starts_at, readable))
        return found

    def apply(self) -> list[Due]:
        """Destroy the keys of every sign-up due; answers what was due."""
        due = self.due()
        for d in due:
            for registration_id in d.registration_ids:
                self._erasure.destroy(d.evening_id, registration_id, REASON.format(days=self.days))
        return due
