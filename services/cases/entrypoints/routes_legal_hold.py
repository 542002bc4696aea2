"""Legal hold: a leader keeps a case's subjects from retention's erasure, with a reason."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import Field

from services.cases.domain.case_legal_hold import LegalHoldLiftReason, LegalHoldReason
from services.cases.entrypoints.on_case import LeaderOnCase
from services.cases.entrypoints.responses import CommandAccepted
from shared.http.body import RequestBody

router = APIRouter(prefix="/cases/{case_id}/legal-hold", tags=["privacy"])


class LegalHoldSetRequest(RequestBody):
    reason: LegalHoldReason = Field(
        description="Why (a code): litigation, complaint_or_appeal, supervision, "
        "police_investigation or access_request."
    )


class LegalHoldLiftRequest(RequestBody):
    reason: LegalHoldLiftReason = Field(description="Why (a code): resolved or set_in_error.")


@router.post("")
async def set_legal_hold(body: LegalHoldSetRequest, on: LeaderOnCase) -> CommandAccepted:
    """Put the case under a legal hold: retention leaves its subjects alone (leader)."""
    outcome = await on.commands.set_legal_hold(
        on.case_id,
        reason=body.reason.value,
        actor=on.actor,
        actor_is_leader=on.actor_is_leader,
        expected_version=on.version,
    )
    return on.answer(outcome)


@router.post("/lift")
async def lift_legal_hold(body: LegalHoldLiftRequest, on: LeaderOnCase) -> CommandAccepted:
    """Lift the case's legal hold (leader)."""
    outcome = await on.commands.lift_legal_hold(
        on.case_id,
        reason=body.reason.value,
        actor=on.actor,
        actor_is_leader=on.actor_is_leader,
        expected_version=on.version,
    )
    return on.answer(outcome)
