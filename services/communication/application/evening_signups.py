"""Who signed up for a theme evening: the seated in arrival order, then the waiting list
in the order they move up. A read-only query for the communication staff; names and
e-mails are opened by the evening store's mapper with each sign-up's own key, and a
sign-up whose key is destroyed (cancelled, or past retention) shows neither, whatever
an evening cached in memory still holds: the key store decides."""

from __future__ import annotations

from dataclasses import dataclass

from services.communication.application.evening_store import EveningStore, RegistrantErasure
from services.communication.domain.theme_evening import ThemeEvening


@dataclass(frozen=True)
class SignUp:
    """One live sign-up; ``position`` counts from 1 among the seated or the waiting."""

    registration_id: str
    status: str  # registered or waitlisted
    position: int
    registered_at: str
    name: str | None
    email: str | None

    @property
    def erased(self) -> bool:
        return self.name is None and self.email is None


@dataclass(frozen=True)
class SignUpPage:
    evening: ThemeEvening
    items: list[SignUp]
    total: int
    seated: int
    waiting: int


class EveningSignUps:
    """Reads an evening's sign-ups (no command, no event, no message)."""

    def __init__(self, app: EveningStore, erasure: RegistrantErasure) -> None:
        self._app = app
        self._erasure = erasure

    def _all(self, evening_id: str) -> tuple[ThemeEvening, list[SignUp]]:
        evening = self._app.get_evening(evening_id)
        gone = self._erasure.destroyed(evening_id)
        found: list[SignUp] = []
        for group in (evening.seated(), evening.waiting()):
            for n, r in enumerate(group, start=1):
                readable = r.registration_id not in gone
                found.append(
                    SignUp(
                        r.registration_id,
                        r.status,
                        n,
                        r.registered_at,
                        r.name if readable else None,
                        r.email if readable else None,
                    )
                )
        return evening, found

    def page(self, evening_id: str, limit: int, offset: int) -> SignUpPage:
        """One page of the seated, then the waiting list (404 for an unknown evening)."""
        evening, found = self._all(evening_id)
        seated = sum(1 for s in found if s.status == "registered")
        return SignUpPage(
            evening, found[offset : offset + limit], len(found), seated, len(found) - seated
        )

    def one(self, evening_id: str, registration_id: str) -> SignUp | None:
        """A live sign-up of the evening, or None (cancelled or never made)."""
        _, found = self._all(evening_id)
        return next((s for s in found if s.registration_id == registration_id), None)
