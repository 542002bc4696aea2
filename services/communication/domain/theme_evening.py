"""Theme evenings (temaaftener): capacity, a waiting list in arrival order, cancellation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.errors import ConflictError, DomainError, NotFoundError

ORGANISERS = ("municipality", "relatives_organisation")
MAX_CAPACITY = 10_000  # seats; more would not be an evening, and not store safely
TOPICS = (
    "self_determination",
    "finances",
    "employment",
    "becoming_adult",
    "health",
    "other",
)


@dataclass
class Registration:
    registration_id: str
    name: str
    email: str
    status: str  # registered, waitlisted, cancelled
    registered_at: str


@dataclass
class ThemeEvening:
    """A theme evening for relatives across centres; VJH always helps announce it."""

    evening_id: str
    title: str
    topic: str
    organiser: str
    organiser_name: str
    starts_at: str
    location: str
    capacity: int
    status: str = "planned"  # planned, announced, cancelled
    version: int = 1
    registrations: list[Registration] = field(default_factory=list)

    @classmethod
    def create(cls, **kwargs: Any) -> ThemeEvening:
        if kwargs["organiser"] not in ORGANISERS:
            raise DomainError(
                "invalid_organiser", "organiser must be one of " + ", ".join(ORGANISERS)
            )
        if kwargs["topic"] not in TOPICS:
            raise DomainError("invalid_topic", "topic must be one of " + ", ".join(TOPICS))
        capacity = kwargs["capacity"]
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise DomainError("invalid_capacity", "capacity must be a whole number")
        if not 1 <= capacity <= MAX_CAPACITY:
            raise DomainError("invalid_capacity", f"capacity must be from 1 to {MAX_CAPACITY}")
        return cls(**kwargs)

    def starts(self) -> datetime:
        """When it begins (a time without a zone is taken as UTC)."""
        at = datetime.fromisoformat(self.starts_at)
        return at if at.tzinfo else at.replace(tzinfo=UTC)

    def _check_open(self) -> None:
        if self.status == "cancelled":
            raise ConflictError(
                "theme_evening_cancelled",
                "the theme evening is cancelled",
                current_version=self.version,
            )

    def announce(self) -> None:
        self._check_open()
        if self.status == "announced":
            raise ConflictError(
                "already_announced",
                "the theme evening was announced already",
                current_version=self.version,
            )
        self.status = "announced"
        self.version += 1

    def seated(self) -> list[Registration]:
        return [r for r in self.registrations if r.status == "registered"]

    def waiting(self) -> list[Registration]:
        return [r for r in self.registrations if r.status == "waitlisted"]

    def register(self, registration_id: str, name: str, email: str, at: str) -> Registration:
        """A seat while there is one, else a place on the waiting list."""
        self._check_open()
        for r in self.registrations:
            if r.status != "cancelled" and r.email.lower() == email.lower():
                raise ConflictError(
                    "already_registered",
                    "that address is registered already",
                    current_version=self.version,
                )
        status = "registered" if len(self.seated()) < self.capacity else "waitlisted"
        registration = Registration(registration_id, name, email, status, at)
        self.registrations.append(registration)
        self.version += 1
        return registration

    def cancel_registration(self, registration_id: str) -> Registration | None:
        """Cancel one registration; the first on the waiting list takes a freed seat."""
        self._check_open()
        found = next((r for r in self.registrations if r.registration_id == registration_id), None)
        if found is None or found.status == "cancelled":
            raise NotFoundError("registration_not_found", "no such active registration")
        freed = found.status == "registered"
        found.status = "cancelled"
        promoted = None
        if freed and self.waiting():
            promoted = self.waiting()[0]
            promoted.status = "registered"
        self.version += 1
        return promoted

    def cancel(self) -> list[Registration]:
        """Cancel the evening; answers who must be told (seated and waiting)."""
        self._check_open()
        self.status = "cancelled"
        self.version += 1
        return [r for r in self.registrations if r.status != "cancelled"]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ThemeEvening:
        regs = [Registration(**r) for r in data.get("registrations", [])]
        return cls(**{**data, "registrations": regs})
