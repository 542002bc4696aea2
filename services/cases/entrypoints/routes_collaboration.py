"""The move-in conversation and agreements."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.cases.entrypoints.deps import CaseCommand, new_id
from services.cases.entrypoints.responses import CommandAccepted
from services.cases.entrypoints.schemas import (
    AgreementBreak,
    AgreementCreate,
    MoveInHold,
    MoveInSchedule,
)

router = APIRouter(prefix="/cases/{case_id}", tags=["move-in and agreements"])


def _agreement(a: AgreementCreate) -> dict[str, str | None]:
    return {
        "agreement_id": new_id(a.agreement_id),
        "topic": a.topic,
        "responsible": a.responsible,
        "due_date": a.due_date.isoformat() if a.due_date else None,
    }


@router.post("/move-in-conversation/schedule")
async def schedule_move_in(body: MoveInSchedule, cmd: CaseCommand) -> CommandAccepted:
    """Schedule the move-in conversation; relatives with invitation consent are invited."""
    return await cmd.run(
        "schedule_move_in_conversation",
        lambda c: c.schedule_move_in_conversation(
            conversation_at=body.conversation_at, location=body.location, actor=cmd.actor
        ),
    )


@router.post("/move-in-conversation/hold")
async def hold_move_in(body: MoveInHold, cmd: CaseCommand) -> CommandAccepted:
    """Record the held conversation: checklist items covered and agreements made."""
    return await cmd.run(
        "hold_move_in_conversation",
        lambda c: c.hold_move_in_conversation(
            held_at=body.held_at,
            covered_items=body.covered_items,
            item_notes=body.item_notes,
            agreements=[_agreement(a) for a in body.agreements],
            participant_relative_ids=body.participant_relative_ids,
            citizen_participated=body.citizen_participated,
            actor=cmd.actor,
            now=cmd.now(),
        ),
    )


@router.post("/agreements", status_code=201)
async def make_agreement(body: AgreementCreate, cmd: CaseCommand) -> CommandAccepted:
    """Make an agreement (topic, responsible party, due date)."""
    a = _agreement(body)

    def change(case: Any) -> str | None:
        case.make_agreement(**a, actor=cmd.actor)
        return a["agreement_id"]

    return await cmd.run("make_agreement", change)


@router.post("/agreements/{agreement_id}/kept")
async def agreement_kept(agreement_id: str, cmd: CaseCommand) -> CommandAccepted:
    """Mark an agreement as kept."""
    return await cmd.run(
        "mark_agreement_kept",
        lambda c: c.mark_agreement_kept(agreement_id=agreement_id, actor=cmd.actor),
    )


@router.post("/agreements/{agreement_id}/broken")
async def agreement_broken(
    agreement_id: str, body: AgreementBreak, cmd: CaseCommand
) -> CommandAccepted:
    """Mark an agreement as broken."""
    return await cmd.run(
        "mark_agreement_broken",
        lambda c: c.mark_agreement_broken(
            agreement_id=agreement_id, note=body.note, actor=cmd.actor
        ),
    )
