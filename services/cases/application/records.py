"""What documents the collaboration: complaints, dialogue notes, handover, network."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from services.cases.application.writer import CaseWriter, Outcome, new_id
from services.cases.domain.case import CollaborationCase


class RecordCommands(CaseWriter):
    """Complaints (first contact within 24 hours), dialogue, handover and network."""

    async def receive_complaint(
        self,
        case_id: UUID,
        *,
        complaint_id: str | None = None,
        received_at: datetime | None = None,
        complainant: str,
        channel: str,
        summary: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Receive a complaint (by default now; never in the future): first contact is due
        within 24 hours. Answers its id."""
        cid = new_id(complaint_id)
        now = self.now()

        def change(case: CollaborationCase) -> str:
            case.receive_complaint(
                cid, received_at or now.at, complainant, channel, summary, actor, now=now
            )
            return cid

        return await self._change("receive_complaint", case_id, expected_version, change)

    async def record_complaint_first_contact(
        self,
        case_id: UUID,
        complaint_id: str,
        *,
        contacted_at: datetime | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record when an open complaint's complainant was first contacted (default now)."""
        now = self.now()
        return await self._change(
            "record_complaint_first_contact",
            case_id,
            expected_version,
            lambda c: c.record_complaint_first_contact(
                complaint_id, contacted_at or now.at, actor, now=now
            ),
        )

    async def resolve_complaint(
        self,
        case_id: UUID,
        complaint_id: str,
        *,
        outcome: str,
        resolution: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Close an open complaint with its outcome and resolution."""
        return await self._change(
            "resolve_complaint",
            case_id,
            expected_version,
            lambda c: c.resolve_complaint(complaint_id, outcome, resolution, actor),
        )

    async def note_dialogue(
        self,
        case_id: UUID,
        *,
        note_id: str | None = None,
        kind: str,
        summary: str,
        participants: list[str],
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Note a dialogue with relatives (phone, meeting or e-mail); answers its id."""
        nid = new_id(note_id)

        def change(case: CollaborationCase) -> str:
            case.note_dialogue(nid, kind, summary, participants, actor)
            return nid

        return await self._change("note_dialogue", case_id, expected_version, change)

    async def record_handover(
        self,
        case_id: UUID,
        *,
        deliverables: str,
        expectations: str,
        legal_differences: list[str],
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record the handover from the authority (myndighed) to the tilbud (udfører)."""
        return await self._change(
            "record_handover",
            case_id,
            expected_version,
            lambda c: c.record_handover(deliverables, expectations, legal_differences, actor),
        )

    async def record_network_relation(
        self,
        case_id: UUID,
        *,
        relation_id: str | None = None,
        kind: str,
        category: str,
        description: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record a new or re-established relation in the citizen's network; answers its id."""
        rid = new_id(relation_id)

        def change(case: CollaborationCase) -> str:
            case.record_network_relation(rid, kind, category, description, actor)
            return rid

        return await self._change("record_network_relation", case_id, expected_version, change)
