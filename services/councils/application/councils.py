"""A council: formation, frame, agreed seats, meetings."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from services.councils.application.writer import CouncilWriter, Outcome, new_id
from services.councils.domain.council import Council


class CouncilBodyCommands(CouncilWriter):
    """The council of a tilbud as a body: its frame, seats and meetings."""

    async def form_council(
        self,
        *,
        tilbud_id: str,
        kind: str,
        frame: dict[str, Any],
        seats: dict[str, Any],
        agreement: dict[str, Any],
        relatives_council_declined_on: str | None = None,
        actor: str,
    ) -> Outcome:
        """Form the council of a tilbud the organisation holds (422 ``unknown_tilbud``), one
        per tilbud (409 ``council_exists``); a citizen council needs the date the citizens
        declined a relatives' council; the department head sits ex officio."""
        self.require_tilbud(tilbud_id)
        return await self._create(
            "council",
            Council.create_id(tilbud_id),
            lambda: Council.form(
                tilbud_id=tilbud_id,
                kind=kind,
                frame=frame,
                seats=seats,
                agreement=agreement,
                relatives_council_declined_on=relatives_council_declined_on,
                actor=actor,
            ),
        )

    async def change_frame(
        self,
        council_id: UUID,
        frame: dict[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Fill in the local frame: purpose, tasks and function."""
        return await self._on_council(
            "change_frame", council_id, expected_version, lambda c: c.change_frame(frame, actor)
        )

    async def agree_seats(
        self,
        council_id: UUID,
        seats: dict[str, Any],
        agreement: dict[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record new seat numbers, agreed by the centre head and the department head."""
        return await self._on_council(
            "agree_seats",
            council_id,
            expected_version,
            lambda c: c.agree_seats(seats, agreement, actor),
        )

    async def schedule_meeting(
        self,
        council_id: UUID,
        *,
        meeting_id: str | None = None,
        kind: str,
        at: datetime,
        agenda: list[str],
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Schedule a council meeting or a relatives' meeting with its agenda; answers its id."""
        mid = new_id(meeting_id)

        def change(c: Council) -> str:
            c.schedule_meeting(mid, kind, at, agenda, actor)
            return mid

        return await self._on_council("schedule_meeting", council_id, expected_version, change)

    async def record_minutes(
        self,
        council_id: UUID,
        meeting_id: str,
        *,
        minutes: str,
        attendees: list[str],
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record a meeting's minutes and who attended."""
        return await self._on_council(
            "record_minutes",
            council_id,
            expected_version,
            lambda c: c.record_minutes(meeting_id, minutes, attendees, actor),
        )
