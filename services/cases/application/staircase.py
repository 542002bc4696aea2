"""The staircase: level assessments, the handling plan, the responsible leader, incidents."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from services.cases.application.writer import CaseWriter, Outcome, new_id
from services.cases.domain.case import CollaborationCase


class StaircaseCommands(CaseWriter):
    """Samarbejdstrappen: where the collaboration stands and what is done about it."""

    async def assess_level(
        self,
        case_id: UUID,
        *,
        level: int,
        characteristics: list[str],
        justification: str,
        plan: dict[str, Any] | None = None,
        leader: str | None = None,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record a justified level (1-4): levels 3-4 need a handling plan from that level,
        level 4 a responsible leader; only a leader names one (themself)."""
        return await self._change(
            "assess_level",
            case_id,
            expected_version,
            lambda c: c.assess_level(
                level, characteristics, justification, actor, plan, leader, actor_is_leader
            ),
        )

    async def set_handling_plan(
        self,
        case_id: UUID,
        *,
        focus_areas: list[str],
        actions: list[dict[str, str | None]],
        review_date: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Set or revise the handling plan; at levels 3-4 its focus areas come from the
        current level."""
        return await self._change(
            "set_handling_plan",
            case_id,
            expected_version,
            lambda c: c.set_handling_plan(focus_areas, actions, review_date, actor),
        )

    async def review_handling_plan(
        self,
        case_id: UUID,
        *,
        notes: str,
        next_review_date: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record a review of the plan (422 ``no_handling_plan`` without one)."""
        return await self._change(
            "review_handling_plan",
            case_id,
            expected_version,
            lambda c: c.review_handling_plan(notes, next_review_date, actor),
        )

    async def assign_leader(
        self,
        case_id: UUID,
        *,
        leader: str | None = None,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """The acting leader takes responsibility for the case (also from another leader);
        they name no one else, and someone without role leader names no one."""
        return await self._change(
            "assign_leader",
            case_id,
            expected_version,
            lambda c: c.assign_leader(leader, actor, actor_is_leader),
        )

    async def report_incident(
        self,
        case_id: UUID,
        *,
        incident_id: str | None = None,
        kind: str,
        against: str | None = None,
        occurred_at: datetime,
        description: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Document an incident that happened (not in the future: 422 ``time_in_future``);
        threats, violence and harassment put the case at level 4 at once. Answers its id."""
        iid = new_id(incident_id)
        now = self.now()

        def change(case: CollaborationCase) -> str:
            case.report_incident(iid, kind, against, occurred_at, description, actor, now=now)
            return iid

        return await self._change("report_incident", case_id, expected_version, change)
