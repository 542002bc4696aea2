"""State shared by the parts of the ``CollaborationCase`` aggregate.

The aggregate is split into parts (mixins), one per area of the contract; each part
holds its commands and the ``@event`` methods they trigger. ``CaseBase`` declares
the state they all read, and the read-only helpers they share.
"""

from __future__ import annotations

from typing import Any

from services.cases.domain.enums import CaseStatus
from services.cases.domain.validation import require_text
from shared.errors import DomainError

Record = dict[str, Any]
"""A sub-entity's state: JSON values, plus ``datetime`` where noted."""


class CaseBase:
    """Declares the case state; the attributes are set by ``Opened``."""

    cpr: str
    citizen_ref: str
    tilbud_id: str
    setting: str
    planned_move_in: str | None
    opened_by: str
    status: str
    closure: Record | None
    level: int | None
    level_assessment: Record | None
    level_history: list[Record]
    leader: str | None
    leader_required: bool
    handling_plan: Record | None
    relatives: dict[str, Record]
    move_in_conversation: Record | None
    agreements: dict[str, Record]
    incidents: dict[str, Record]
    complaints: dict[str, Record]
    dialogue_notes: dict[str, Record]
    handover: Record | None
    network_relations: dict[str, Record]

    def _guard_open(self, actor: object) -> str:
        """Reject commands on a closed case; return the validated actor."""
        if self.status == CaseStatus.CLOSED:
            raise DomainError("case_closed", "The case is closed; it can only be reopened.")
        return require_text(actor, "actor")

    def has_consent(self, relative_id: str, scope: str) -> bool:
        """Whether the relative currently holds the citizen's consent for ``scope``."""
        relative = self.relatives.get(relative_id)
        return relative is not None and scope in relative["consents"]

    def relatives_with_consent(self, scope: str) -> list[str]:
        """Ids of the relatives currently holding consent for ``scope``."""
        return [rid for rid in self.relatives if self.has_consent(rid, scope)]
