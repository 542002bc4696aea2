"""The electorates, kept from the cases' events."""

from __future__ import annotations

from services.councils.application.writer import CouncilWriter
from services.councils.domain.electorate import Electorate
from shared.errors import ConflictError, NotFoundError


class ElectorateCommands(CouncilWriter):
    """What the consumer of ``pkraft.cases.v1`` calls."""

    async def apply_case_fact(
        self,
        tilbud_id: str,
        case_id: str,
        case_version: int,
        fact: str,
        relative_id: str | None,
        incarnation: int = 0,
        person_id: str | None = None,
    ) -> bool:
        """Update the tilbud's electorate from a case fact (a case opened or closed, a
        relative added, removed or linked to a person); False when the fact was a repeat
        (at-least-once delivery)."""
        electorate_id = Electorate.create_id(tilbud_id)
        args = (case_id, case_version, fact, relative_id, incarnation, person_id)

        def change(e: Electorate) -> bool:
            return e.apply_case_fact(*args)

        def create() -> Electorate:
            electorate = Electorate(tilbud_id=tilbud_id)
            electorate.apply_case_fact(*args)
            return electorate

        try:
            outcome = await self._change("electorate", "case_fact", electorate_id, None, change)
        except NotFoundError:
            try:
                await self._create("electorate", electorate_id, create)
                return True
            except ConflictError:  # created concurrently: apply to the stored one
                outcome = await self._change("electorate", "case_fact", electorate_id, None, change)
        return bool(outcome.result)
