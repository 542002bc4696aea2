"""The relatives' named contact person (kontaktløsning; part of ``CollaborationCase``).

Each case has one named staff member the relatives contact. Assigning one records the
staff id and the name the relatives are told; changing to another keeps the previous
one in the history. The staff id is public (like every staff id in the case); the
display name is stored encrypted with the case (``adapters/personal.py``) because the
letters to relatives name the contact person, and it is erased with the case.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import event

from services.cases.domain.case_base import CaseBase, Record
from services.cases.domain.validation import require_text
from shared.errors import ConflictError


def contact_person(case: Any) -> Record | None:
    """The current contact person (staff id, display name, since, by), or None."""
    current: Record | None = vars(case).get("contact_person")
    return current


def contact_person_history(case: Any) -> list[Record]:
    """The previous contact persons, oldest first, each with ``until``."""
    history: list[Record] = vars(case).get("contact_person_history") or []
    return history


class ContactPersonPart(CaseBase):
    """The contact-person command and event."""

    def assign_contact_person(self, staff_id: str, display_name: str, actor: str) -> None:
        """Name the relatives' contact person, or change to another (409 if unchanged)."""
        actor = self._guard_open(actor)
        staff_id = require_text(staff_id, "staff_id")
        display_name = require_text(display_name, "display_name")
        current = contact_person(self)
        if current is not None and (current["staff_id"], current["display_name"]) == (
            staff_id,
            display_name,
        ):
            raise ConflictError(
                "contact_person_unchanged", "This staff member is already the contact person."
            )
        self._contact_person_assigned(
            staff_id=staff_id,
            display_name=display_name,
            previous_staff_id=None if current is None else current["staff_id"],
            actor=actor,
        )

    @event("ContactPersonAssigned")
    def _contact_person_assigned(
        self,
        staff_id: str,
        display_name: str | None,
        previous_staff_id: str | None,
        actor: str,
        timestamp: Any = None,
    ) -> None:
        current = contact_person(self)
        if current is not None:
            vars(self)["contact_person_history"] = [
                *contact_person_history(self),
                {**current, "until": timestamp},
            ]
        vars(self)["contact_person"] = {
            "staff_id": staff_id,
            "display_name": display_name,
            "assigned_by": actor,
            "assigned_at": timestamp,
        }
