"""The relatives' named contact person, and their involvement in the health area."""

from __future__ import annotations

from uuid import UUID

from services.cases.application.writer import CaseWriter, Outcome, new_id
from services.cases.domain.case import CollaborationCase


class ContactCommands(CaseWriter):
    """Who the relatives reach, and what they were involved in."""

    async def assign_contact_person(
        self,
        case_id: UUID,
        *,
        staff_id: str,
        display_name: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Name the relatives' contact person or change to another (the previous is kept;
        409 when unchanged)."""
        return await self._change(
            "assign_contact_person",
            case_id,
            expected_version,
            lambda c: c.assign_contact_person(staff_id, display_name, actor),
        )

    async def record_involvement(
        self,
        case_id: UUID,
        *,
        involvement_id: str | None = None,
        kind: str,
        involved_on: str,
        relative_ids: list[str],
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record that relatives of the case were involved, on a day not in the future, in
        a kind of decision or effort the catalogue names; answers its id."""
        iid = new_id(involvement_id)
        now = self.now()

        def change(case: CollaborationCase) -> str:
            case.record_involvement(iid, kind, involved_on, relative_ids, actor, now)
            return iid

        return await self._change("record_involvement", case_id, expected_version, change)
