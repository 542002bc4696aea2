"""Recording a data subject's erasure on the council or pool that holds it."""

from __future__ import annotations

from services.councils.application.writer import CouncilWriter, Outcome
from services.councils.domain.council_privacy import parse_subject


class PrivacyCommands(CouncilWriter):
    """The erasure event; the key is destroyed by the caller."""

    async def erase_subject(self, subject_id: str, *, reason: str, actor: str) -> Outcome:
        """Record that a subject was erased: a person or the texts of a council, or an
        application's texts in a pool (422 ``subject_already_erased`` the second time)."""
        form, aggregate_id, item = parse_subject(subject_id)
        holder = "pool" if form == "text" and item else "council"
        return await self._change(
            holder,
            "erase_subject",
            aggregate_id,
            None,
            lambda a: a.erase_subject(subject_id=subject_id, reason=reason, actor=actor),
        )
