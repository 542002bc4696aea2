"""The move-in conversation and the agreements made with the citizen and relatives."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from services.cases.application.writer import CaseWriter, Outcome, new_id
from services.cases.domain.case import CollaborationCase

Agreement = dict[str, str | None]


def agreement(
    agreement_id: str | None, topic: str, responsible: str, due_date: str | None
) -> Agreement:
    """An agreement as the case records it (a fresh id unless one is given)."""
    return {
        "agreement_id": new_id(agreement_id),
        "topic": topic,
        "responsible": responsible,
        "due_date": due_date,
    }


class MoveInCommands(CaseWriter):
    """Before and at the move-in: the conversation and its agreements."""

    async def schedule_move_in_conversation(
        self,
        case_id: UUID,
        *,
        conversation_at: datetime,
        location: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Schedule (or reschedule) the conversation; relatives who consented to
        invitations to meetings are invited."""
        return await self._change(
            "schedule_move_in_conversation",
            case_id,
            expected_version,
            lambda c: c.schedule_move_in_conversation(conversation_at, location, actor),
        )

    async def hold_move_in_conversation(
        self,
        case_id: UUID,
        *,
        held_at: datetime,
        covered_items: list[str],
        item_notes: dict[str, str],
        agreements: list[Agreement],
        participant_relative_ids: list[str],
        citizen_participated: bool,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record the held conversation (422 ``move_in_not_scheduled`` before it is
        scheduled): checklist items covered; its agreements become case agreements."""
        now = self.now()
        return await self._change(
            "hold_move_in_conversation",
            case_id,
            expected_version,
            lambda c: c.hold_move_in_conversation(
                held_at,
                covered_items,
                item_notes,
                agreements,
                participant_relative_ids,
                citizen_participated,
                actor,
                now=now,
            ),
        )

    async def make_agreement(
        self,
        case_id: UUID,
        *,
        agreement_id: str | None = None,
        topic: str,
        responsible: str,
        due_date: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record an agreement (topic, responsible party, due date); answers its id."""
        aid = new_id(agreement_id)

        def change(case: CollaborationCase) -> str:
            case.make_agreement(aid, topic, responsible, due_date, actor)
            return aid

        return await self._change("make_agreement", case_id, expected_version, change)

    async def mark_agreement_kept(
        self, case_id: UUID, agreement_id: str, *, actor: str, expected_version: int | None = None
    ) -> Outcome:
        """Mark an open agreement as kept."""
        return await self._change(
            "mark_agreement_kept",
            case_id,
            expected_version,
            lambda c: c.mark_agreement_kept(agreement_id, actor),
        )

    async def mark_agreement_broken(
        self,
        case_id: UUID,
        agreement_id: str,
        *,
        note: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Mark an open agreement as not kept, with an optional note."""
        return await self._change(
            "mark_agreement_broken",
            case_id,
            expected_version,
            lambda c: c.mark_agreement_broken(agreement_id, note, actor),
        )
