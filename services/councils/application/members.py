"""A council's members: appointed seats, resignations, the department head."""

from __future__ import annotations

from uuid import UUID

from services.councils.application.writer import CouncilWriter, Outcome


class MemberCommands(CouncilWriter):
    """Who sits on a council and for how long (relatives' seats are elected)."""

    async def appoint_member(
        self,
        council_id: UUID,
        *,
        kind: str,
        person_ref: str,
        term_start: str,
        term_end: str | None = None,
        name: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Give a free citizen or staff seat to a person (relatives' seats are elected);
        answers the member id."""
        return await self._on_council(
            "appoint_member",
            council_id,
            expected_version,
            lambda c: c.appoint_member(kind, person_ref, term_start, term_end, actor, name=name),
        )

    async def resign(
        self,
        council_id: UUID,
        member_id: str,
        *,
        on: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """A member resigns; on a relatives' seat the first substitute steps in."""
        return await self._on_council(
            "resign", council_id, expected_version, lambda c: c.resign(member_id, on, actor)
        )

    async def change_department_head(
        self,
        council_id: UUID,
        *,
        person_ref: str,
        on: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """A new department head takes the ex-officio seat."""
        return await self._on_council(
            "change_department_head",
            council_id,
            expected_version,
            lambda c: c.change_department_head(person_ref, on, actor),
        )
