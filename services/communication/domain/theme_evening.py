"""Theme evenings (temaaftener): capacity, a waiting list in arrival order, cancellation.

An event-sourced aggregate: planned (or carried over from the table release 7728eb6
kept), announced, signed up (seated or waitlisted), sign-up cancelled (naming the one
who moved up), cancelled. The version is the aggregate's: 1 when planned, one more per
event. A sign-up's name and e-mail are the registrant's own; the store seals them per
sign-up, and a cancelled sign-up keeps neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

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
NAMESPACE = UUID("0d3f5c1e-7a52-4b8e-9c1d-3e6b2f4a8c07")
"""Namespace of the aggregate ids made from evening ids; never change it (ids are stored)."""


def evening_uuid(evening_id: str) -> UUID:
    return uuid5(NAMESPACE, evening_id)


@dataclass
class Registration:
    registration_id: str
    name: str | None  # None once the sign-up is cancelled (or its key destroyed)
    email: str | None
    status: str  # registered, waitlisted, cancelled
    registered_at: str


class ThemeEvening(Aggregate):
    """A theme evening for relatives across centres; VJH always helps announce it."""

    class Planned(Aggregate.Created):
        evening_id: str
        title: str
        topic: str
        organiser: str
        organiser_name: str
        starts_at: str
        location: str
        capacity: int
        actor: str
        at: datetime

    class CarriedOver(Aggregate.Created):
        """The evening as a row of release 7728eb6 held it, at that row's version
        (written by revision r0003; its registrants' fields are sealed)."""

        evening_id: str
        title: str
        topic: str
        organiser: str
        organiser_name: str
        starts_at: str
        location: str
        capacity: int
        status: str
        registrations: list[dict[str, Any]]

        def apply(self, aggregate: Any) -> None:
            aggregate.status = self.status
            aggregate.registrations = [Registration(**r) for r in self.registrations]

    def __init__(
        self,
        evening_id: str,
        title: str,
        topic: str,
        organiser: str,
        organiser_name: str,
        starts_at: str,
        location: str,
        capacity: int,
    ) -> None:
        self.evening_id = evening_id
        self.title = title
        self.topic = topic
        self.organiser = organiser
        self.organiser_name = organiser_name
        self.starts_at = starts_at
        self.location = location
        self.capacity = capacity
        self.status = "planned"  # planned, announced, cancelled
        self.registrations: list[Registration] = []

    @classmethod
    def plan(cls, *, actor: str, at: datetime, **fields: Any) -> ThemeEvening:
        """Check the facts and plan the evening (event ``Planned``)."""
        if fields["organiser"] not in ORGANISERS:
            raise DomainError(
                "invalid_organiser", "organiser must be one of " + ", ".join(ORGANISERS)
            )
        if fields["topic"] not in TOPICS:
            raise DomainError("invalid_topic", "topic must be one of " + ", ".join(TOPICS))
        capacity = fields["capacity"]
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise DomainError("invalid_capacity", "capacity must be a whole number")
        if not 1 <= capacity <= MAX_CAPACITY:
            raise DomainError("invalid_capacity", f"capacity must be from 1 to {MAX_CAPACITY}")
        if _moment(fields["starts_at"]) <= at:
            raise DomainError("time_in_past", "a theme evening is planned for a time to come")
        evening_id = fields["evening_id"]
        return cls._create(cls.Planned, id=evening_uuid(evening_id), actor=actor, at=at, **fields)

    def starts(self) -> datetime:
        """When it begins (a time without a zone is taken as UTC)."""
        return _moment(self.starts_at)

    def _check_open(self) -> None:
        if self.status == "cancelled":
            raise ConflictError(
                "theme_evening_cancelled",
                "the theme evening is cancelled",
                current_version=self.version,
            )

    def seated(self) -> list[Registration]:
        return [r for r in self.registrations if r.status == "registered"]

    def waiting(self) -> list[Registration]:
        return [r for r in self.registrations if r.status == "waitlisted"]

    def find(self, registration_id: str) -> Registration | None:
        return next((r for r in self.registrations if r.registration_id == registration_id), None)

    def announce(self, actor: str, at: datetime) -> None:
        self._check_open()
        if self.status == "announced":
            raise ConflictError(
                "already_announced",
                "the theme evening was announced already",
                current_version=self.version,
            )
        self._announced(actor=actor, at=at)

    @event("Announced")
    def _announced(self, actor: str, at: datetime) -> None:
        self.status = "announced"

    def register(
        self, registration_id: str, name: str, email: str, actor: str, at: datetime
    ) -> Registration:
        """A seat while there is one, else a place on the waiting list; not before the
        evening is announced, nor once it has begun."""
        self._check_open()
        if self.starts() <= at:
            raise ConflictError(
                "theme_evening_held", "the theme evening has begun", current_version=self.version
            )
        if self.status != "announced":
            raise ConflictError(
                "theme_evening_not_announced",
                "the theme evening is not announced yet: sign-ups open when it is",
                current_version=self.version,
            )
        for r in self.registrations:
            if r.status != "cancelled" and (r.email or "").lower() == email.lower():
                raise ConflictError(
                    "already_registered",
                    "that address is registered already",
                    current_version=self.version,
                )
        status = "registered" if len(self.seated()) < self.capacity else "waitlisted"
        self._signed_up(
            evening_id=self.evening_id,
            registration_id=registration_id,
            name=name,
            email=email,
            status=status,
            actor=actor,
            at=at,
        )
        return self.registrations[-1]

    @event("SignedUp")
    def _signed_up(
        self,
        evening_id: str,
        registration_id: str,
        name: str | None,
        email: str | None,
        status: str,
        actor: str,
        at: datetime,
    ) -> None:
        self.registrations.append(
            Registration(registration_id, name, email, status, at.isoformat())
        )

    def cancel_registration(self, registration_id: str, actor: str, at: datetime) -> None:
        """Cancel one sign-up; the first on the waiting list takes a freed seat."""
        self._check_open()
        found = self.find(registration_id)
        if found is None or found.status == "cancelled":
            raise NotFoundError("registration_not_found", "no such active registration")
        waiting = self.waiting()
        promoted = waiting[0] if found.status == "registered" and waiting else None
        self._sign_up_cancelled(
            registration_id=registration_id,
            promoted_registration_id=promoted.registration_id if promoted else None,
            actor=actor,
            at=at,
        )

    @event("SignUpCancelled")
    def _sign_up_cancelled(
        self, registration_id: str, promoted_registration_id: str | None, actor: str, at: datetime
    ) -> None:
        found = self.find(registration_id)
        if found is not None:
            found.status, found.name, found.email = "cancelled", None, None
        promoted = self.find(promoted_registration_id or "")
        if promoted is not None:
            promoted.status = "registered"

    def cancel(self, actor: str, at: datetime) -> None:
        """Cancel the evening; everyone seated or waiting is to be told."""
        self._check_open()
        self._cancelled(actor=actor, at=at)

    @event("Cancelled")
    def _cancelled(self, actor: str, at: datetime) -> None:
        self.status = "cancelled"

    def live(self) -> list[Registration]:
        """The sign-ups not cancelled (seated and waiting)."""
        return [r for r in self.registrations if r.status != "cancelled"]


def _moment(iso: str) -> datetime:
    """An ISO time; one without a zone is taken as UTC."""
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        raise DomainError("invalid_starts_at", "starts_at must be an ISO 8601 time") from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)
