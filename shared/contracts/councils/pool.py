"""The participant-budget pool: applications, the follow group's decisions, activities."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from shared.contracts.base import WireEvent, code


class PoolEvent(WireEvent):
    """Fields on every participant-budget pool event."""

    domain: ClassVar[str] = "councils"
    pool_id: UUID = Field(description="The pool (also the Kafka key).")
    pool_version: int
    year: int


class PoolOpened(PoolEvent):
    name: ClassVar[str] = "pool_opened"
    amount_kr: int


class BudgetApplied(PoolEvent):
    name: ClassVar[str] = "budget_applied"
    application_id: str
    council_id: UUID
    amount_kr: int
    initiator_ids: list[str] = Field(description="relative_ids of the initiating relatives.")


class PoolDecision(PoolEvent):
    """A decision for the follow group; ``actor`` is the user id of who decided."""

    decided_as: str | None = code(
        "`member` (a current follow-group member) or `leader` (a leader acting for the "
        "group); null on events recorded before this field existed.",
        ("member", "leader"),
        default=None,
    )
    decided_by_member_id: str | None = Field(
        None, description="The decider's follow-group member id; null when a leader acted."
    )


class BudgetGranted(PoolDecision):
    name: ClassVar[str] = "budget_granted"
    application_id: str
    amount_kr: int


class BudgetRejected(PoolDecision):
    name: ClassVar[str] = "budget_rejected"
    application_id: str


class BudgetDisbursed(PoolDecision):
    name: ClassVar[str] = "budget_disbursed"
    application_id: str
    amount_kr: int


class SpendingReported(PoolEvent):
    name: ClassVar[str] = "spending_reported"
    application_id: str
    spent_kr: int


class ActivityHeld(PoolEvent):
    """A granted budget's activity took place; the unspent part returned to the pool
    (the report is free text and stays in the councils service)."""

    name: ClassVar[str] = "activity_held"
    application_id: str
    tilbud_id: str
    held_on: date
    relatives_count: int = Field(ge=0)
    residents_count: int = Field(ge=0)
    staff_count: int = Field(ge=0)
    cost_kr: int = Field(ge=0)
    returned_kr: int = Field(ge=0)
