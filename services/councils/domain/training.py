"""The ``Training`` aggregate: one for the programme; courses on relatives'
collaboration (sessions with their participants) and onboarding records.

A session has an id, a course code, an audience (leaders or staff), a date and its
participants by staff id and tilbud (at least one; a staff id once per session,
``duplicate_participant``). A member of staff is trained when they took part in any
session. Onboarding: one record per staff id (``already_onboarded``), with the tilbud and
date; the record states that the expectations of the collaboration with relatives were
part of it, and is refused otherwise (``expectations_missing``).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.councils.domain.validation import (
    require_enum,
    require_iso_date,
    require_new_id,
    require_text,
)
from shared.errors import DomainError

NAMESPACE = UUID("9e3a6d10-47c2-4b85-a1f9-6c0e2b7d5f33")
MAX_PARTICIPANTS = 500


class Course(StrEnum):
    RELATIVES_COLLABORATION = "relatives_collaboration"


class Audience(StrEnum):
    LEADERS = "leaders"
    STAFF = "staff"


class Training(Aggregate):
    """Course sessions and onboardings."""

    @staticmethod
    def create_id() -> UUID:
        return uuid5(NAMESPACE, "training")

    @event("Started")
    def __init__(self) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.onboarded: dict[str, dict[str, Any]] = {}

    def record_session(
        self,
        session_id: str,
        course: str,
        audience: str,
        held_on: str,
        participants: Sequence[tuple[str, str]],
        actor: str,
    ) -> None:
        """A session held, with its participants as (staff id, tilbud id)."""
        session_id = require_new_id(session_id, self.sessions, "session_exists", "session_id")
        if not participants or len(participants) > MAX_PARTICIPANTS:
            raise DomainError(
                "invalid_participants",
                f"A session has 1 to {MAX_PARTICIPANTS} participants.",
                field="participants",
            )
        rows = [
            [require_text(s, "staff_id"), require_text(t, "tilbud_id")] for s, t in participants
        ]
        ids = [r[0] for r in rows]
        if len(set(ids)) != len(ids):
            raise DomainError(
                "duplicate_participant", "A member of staff is listed once per session."
            )
        self._session(
            session_id=session_id,
            course=require_enum(Course, course, "invalid_course", "course"),
            audience=require_enum(Audience, audience, "invalid_audience", "audience"),
            held_on=require_iso_date(held_on, "held_on"),
            participants=rows,
            actor=require_text(actor, "actor"),
        )

    @event("SessionHeld")
    def _session(
        self,
        session_id: str,
        course: str,
        audience: str,
        held_on: str,
        participants: list[list[str]],
        actor: str,
    ) -> None:
        self.sessions[session_id] = {
            "session_id": session_id,
            "course": course,
            "audience": audience,
            "held_on": held_on,
            "participants": [{"staff_id": s, "tilbud_id": t} for s, t in participants],
        }

    def onboard(
        self, staff_id: str, tilbud_id: str, on: str, expectations_included: bool, actor: str
    ) -> None:
        """Record a staff member's onboarding (once per staff id)."""
        staff_id = require_new_id(staff_id, self.onboarded, "already_onboarded", "staff_id")
        if expectations_included is not True:
            raise DomainError(
                "expectations_missing",
                "An onboarding includes the expectations of the collaboration with relatives.",
                field="expectations_included",
            )
        self._onboarded(
            staff_id=staff_id,
            tilbud_id=require_text(tilbud_id, "tilbud_id"),
            on=require_iso_date(on, "on"),
            actor=require_text(actor, "actor"),
        )

    @event("Onboarded")
    def _onboarded(self, staff_id: str, tilbud_id: str, on: str, actor: str) -> None:
        self.onboarded[staff_id] = {"staff_id": staff_id, "tilbud_id": tilbud_id, "on": on}

    def trained(self) -> dict[str, set[str]]:
        """Staff ids who took part in a session, per tilbud (latest session's tilbud)."""
        latest: dict[str, tuple[str, str]] = {}
        for s in self.sessions.values():
            for p in s["participants"]:
                seen = latest.get(p["staff_id"])
                if seen is None or s["held_on"] >= seen[0]:
                    latest[p["staff_id"]] = (s["held_on"], p["tilbud_id"])
        found: dict[str, set[str]] = {}
        for staff_id, (_, tilbud_id) in latest.items():
            found.setdefault(tilbud_id, set()).add(staff_id)
        return found

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "sessions": sorted(
                self.sessions.values(), key=lambda s: (s["held_on"], s["session_id"])
            ),
            "onboarded": len(self.onboarded),
            "trained_per_tilbud": {t: len(ids) for t, ids in sorted(self.trained().items())},
        }
