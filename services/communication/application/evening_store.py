"""The theme evenings' event store: an eventsourcing Application and its reads."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from services.communication.domain.theme_evening import ThemeEvening, evening_uuid
from shared.errors import NotFoundError


class RegistrantErasure(Protocol):
    """Destroys a sign-up's data key: its name and e-mail read as null from then on."""

    def destroy(self, evening_id: str, registration_id: str, reason: str) -> None: ...

    def destroyed(self, evening_id: str) -> set[str]:
        """The evening's sign-ups whose key is destroyed (as the key store says now)."""
        ...


class EveningStore(Application[UUID]):
    """Event store and repository of theme evenings (in the service's own database)."""

    name = "theme_evenings"

    def get_evening(self, evening_id: str, version: int | None = None) -> ThemeEvening:
        return self.get_evening_by_id(evening_uuid(evening_id), version)

    def get_evening_by_id(self, aggregate_id: UUID, version: int | None = None) -> ThemeEvening:
        try:
            evening: ThemeEvening = self.repository.get(aggregate_id, version=version)
        except AggregateNotFoundError as exc:
            raise NotFoundError("theme_evening_not_found", "no theme evening with that id") from exc
        return evening

    def exists(self, evening_id: str) -> bool:
        return evening_uuid(evening_id) in self.repository
