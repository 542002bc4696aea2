"""Legal hold: a leader keeps a case's subjects from retention's erasure, with a reason."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from services.cases.domain.case_legal_hold import LegalHoldLiftReason, LegalHoldReason
from services.cases.entrypoints.deps import LeaderCaseCommand
from services.cases.entrypoints.responses import CommandAccepted

router = APIRouter(prefix="/cases/{case_id}/legal-hold", tags=["privacy"])


class LegalHoldSetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: LegalHoldReason = Field(
        description="Why (a code): litigation, complaint_or_appeal, supervision, "
        "police_investigation or access_request."
    )


class LegalHoldLiftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: LegalHoldLiftReason = Field(description="Why (a code): resolved or set_in_error.")


@router.post("")
async def set_legal_hold(body: LegalHoldSetRequest, cmd: LeaderCaseCommand) -> CommandAccepted:
    """Put the case under a legal hold: retention leaves its subjects alone (leader)."""
    return await cmd.run(
        "set_legal_hold",
        lambda c: c.set_legal_hold(
            reason=body.reason.value, actor=cmd.actor, actor_is_leader=cmd.actor_is_leader
        ),
    )


@router.post("/lift")
async def lift_legal_hold(body: LegalHoldLiftRequest, cmd: LeaderCaseCommand) -> CommandAccepted:
    """Lift the case's legal hold (leader)."""
    return await cmd.run(
        "lift_legal_hold",
        lambda c: c.lift_legal_hold(
            reason=body.reason.value, actor=cmd.actor, actor_is_leader=cmd.actor_is_leader
        ),
    )
