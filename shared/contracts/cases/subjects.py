"""Who a case concerns: erasures, the contact person, relatives involved in decisions."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from shared.contracts.base import code
from shared.contracts.cases.case import CaseEvent


class SubjectErased(CaseEvent):
    """A data subject's personal data in the cases service was erased (their key destroyed).

    Every consumer drops what it derived about that subject."""

    name: ClassVar[str] = "subject_erased"
    subject_id: str = Field(
        description="citizen:<case id> or relative:<case id>:<relative id>; no personal data."
    )
    subject_kind: str = code("Whose data was erased.", ("citizen", "relative"))
    relative_id: str | None = Field(None, description="The erased relative, when a relative.")
    reason: str = code(
        "Why it was erased.",
        (
            "data_subject_request",
            "retention_expired",
            "consent_withdrawn",
            "unlawful_processing",
            "legal_obligation",
        ),
    )


class ContactPersonAssigned(CaseEvent):
    """The relatives' named contact person was assigned or changed (staff ids only; the
    name stays in the cases service and is read from the contact endpoint)."""

    name: ClassVar[str] = "contact_person_assigned"
    staff_id: str = Field(description="The staff member who is now the contact person.")
    previous_staff_id: str | None = Field(
        None, description="The staff member they replace (null for the first)."
    )


INVOLVEMENT_KINDS = (
    "care_decision",
    "treatment_decision",
    "effort_planning",
    "effort_follow_up",
    "discharge_or_transition",
    "end_of_life",
)


class RelativesInvolved(CaseEvent):
    """Relatives were involved in a decision or an effort in the health area (seed 002)."""

    name: ClassVar[str] = "relatives_involved"
    involvement_id: str
    kind: str = code("What they were involved in.", INVOLVEMENT_KINDS)
    involved_on: date = Field(description="The day it happened (a past date).")
    relative_ids: list[str] = Field(description="The case's relatives who took part.")
