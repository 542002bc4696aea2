"""Council meetings and relatives' meetings (part of ``Council``)."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import event

from services.councils.domain.council_base import CouncilBase
from services.councils.domain.enums import MeetingKind
from services.councils.domain.validation import (
    require_enum,
    require_new_id,
    require_text,
    require_text_list,
)
from shared.errors import DomainError, NotFoundError


class MeetingsPart(CouncilBase):
    """Commands and events about meetings: schedule, agenda, minutes, attendance."""

    def schedule_meeting(
        self, meeting_id: str, kind: str, at: datetime, agenda: list[str], actor: str
    ) -> None:
        """Schedule a council meeting or a relatives' meeting with its agenda."""
        meeting_id = require_new_id(meeting_id, self.meetings, "meeting_exists", "meeting_id")
        kind = require_enum(MeetingKind, kind, "invalid_meeting_kind", "kind")
        if not isinstance(at, datetime) or at.utcoffset() is None:
            raise DomainError("invalid_datetime", "'at' must be a timezone-aware date and time.")
        self._meeting_scheduled(
            meeting_id=meeting_id,
            kind=kind,
            at=at,
            agenda=require_text_list(agenda, "agenda"),
            actor=require_text(actor, "actor"),
        )

    @event("MeetingScheduled")
    def _meeting_scheduled(
        self, meeting_id: str, kind: str, at: datetime, agenda: list[str], actor: str
    ) -> None:
        self.meetings[meeting_id] = {
            "meeting_id": meeting_id,
            "kind": kind,
            "at": at,
            "agenda": list(agenda),
            "minutes": None,
            "attendees": [],
        }

    def record_minutes(
        self, meeting_id: str, minutes: str, attendees: list[str], actor: str
    ) -> None:
        """Record what was decided and who attended (council meetings: members only)."""
        meeting = self.meetings.get(meeting_id)
        if meeting is None:
            raise NotFoundError("meeting_not_found", "No meeting with that id.")
        if meeting["minutes"] is not None or meeting.get("recorded"):
            raise DomainError("minutes_already_recorded", "The minutes are recorded already.")
        attendees = require_text_list(attendees, "attendees")
        if meeting["kind"] == MeetingKind.COUNCIL_MEETING:
            strangers = [a for a in attendees if not self.is_member(a)]
            if strangers:
                raise DomainError(
                    "attendee_not_member",
                    "Only council members attend a council meeting.",
                    count=len(strangers),
                )
        self._minutes_recorded(
            meeting_id=meeting_id,
            minutes=require_text(minutes, "minutes"),
            attendees=attendees,
            actor=require_text(actor, "actor"),
        )

    @event("MinutesRecorded")
    def _minutes_recorded(
        self, meeting_id: str, minutes: str, attendees: list[str], actor: str
    ) -> None:
        # ``recorded``: the minutes read as null once their text subject is erased
        self.meetings[meeting_id].update(minutes=minutes, attendees=list(attendees), recorded=True)
