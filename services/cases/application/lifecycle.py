"""Opening, closing and reopening a case."""

from __future__ import annotations

from uuid import UUID

from services.cases.application.writer import CaseWriter, Outcome
from services.cases.domain.case import CollaborationCase
from services.cases.domain.cpr import validate_cpr
from shared.groupcommit import Command
from shared.organisation import require_tilbud


class LifecycleCommands(CaseWriter):
    """A case's life: open, close, reopen."""

    async def open(
        self, *, cpr: str, tilbud_id: str, setting: str, planned_move_in: str | None, actor: str
    ) -> Outcome:
        """Open a case: a valid CPR number (422 ``invalid_cpr``), a tilbud the organisation
        holds (422 ``unknown_tilbud``), one case per citizen and tilbud (409 ``case_exists``)."""
        digits = validate_cpr(cpr)
        ref = self.citizen_ref(digits)
        tilbud_id = tilbud_id.strip()
        if tilbud_id and self.organisation is not None:
            require_tilbud(self.organisation, tilbud_id)
        case_id = CollaborationCase.create_id(citizen_ref=ref, tilbud_id=tilbud_id)
        return await self._run(
            Command(
                name="open",
                aggregate_id=case_id,
                create=lambda: CollaborationCase.open(
                    cpr=digits,
                    citizen_ref=ref,
                    tilbud_id=tilbud_id,
                    setting=setting,
                    planned_move_in=planned_move_in,
                    actor=actor,
                ),
            )
        )

    async def close(
        self,
        case_id: UUID,
        *,
        reason: str,
        note: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Close the case with a reason (``other`` needs a note); a closed case accepts
        nothing but reopen."""
        return await self._change(
            "close", case_id, expected_version, lambda c: c.close(reason, note, actor)
        )

    async def reopen(
        self, case_id: UUID, *, reason: str, actor: str, expected_version: int | None = None
    ) -> Outcome:
        """Reopen a closed case with a reason (422 ``case_not_closed`` on an open one)."""
        return await self._change(
            "reopen", case_id, expected_version, lambda c: c.reopen(reason, actor)
        )
