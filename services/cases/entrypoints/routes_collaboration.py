"""The move-in conversation and agreements."""

from __future__ import annotations

from fastapi import APIRouter

from services.cases.application.move_in import agreement
from services.cases.entrypoints.on_case import OnCase
from services.cases.entrypoints.responses import CommandAccepted
from services.cases.entrypoints.schemas import (
    AgreementBreak,
    AgreementCreate,
    MoveInHold,
    MoveInSchedule,
)

router = APIRouter(prefix="/cases/{case_id}", tags=["move-in and agreements"])


@router.post("/move-in-conversation/schedule")
async def schedule_move_in(body: MoveInSchedule, on: OnCase) -> CommandAccepted:
    """Schedule the move-in conversation; relatives with invitation consent are invited."""
    outcome = await on.commands.schedule_move_in_conversation(
        on.case_id, conversation_at=body.conversation_at, location=body.location, **on.by
    )
    return on.answer(outcome)


@router.post("/move-in-conversation/hold")
async def hold_move_in(body: MoveInHold, on: OnCase) -> CommandAccepted:
    """Record the held conversation: checklist items covered and agreements made."""
    outcome = await on.commands.hold_move_in_conversation(
        on.case_id,
        held_at=body.held_at,
        covered_items=body.covered_items,
        item_notes=body.item_notes,
        agreements=[
            agreement(a.agreement_id, a.topic, a.responsible, _day(a)) for a in body.agreements
        ],
        participant_relative_ids=body.participant_relative_ids,
        citizen_participated=body.citizen_participated,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/agreements", status_code=201)
async def make_agreement(body: AgreementCreate, on: OnCase) -> CommandAccepted:
    """Make an agreement (topic, responsible party, due date)."""
    outcome = await on.commands.make_agreement(
        on.case_id,
        agreement_id=body.agreement_id,
        topic=body.topic,
        responsible=body.responsible,
        due_date=_day(body),
        **on.by,
    )
    return on.answer(outcome)


@router.post("/agreements/{agreement_id}/kept")
async def agreement_kept(agreement_id: str, on: OnCase) -> CommandAccepted:
    """Mark an agreement as kept."""
    outcome = await on.commands.mark_agreement_kept(on.case_id, agreement_id, **on.by)
    return on.answer(outcome)


@router.post("/agreements/{agreement_id}/broken")
async def agreement_broken(agreement_id: str, body: AgreementBreak, on: OnCase) -> CommandAccepted:
    """Mark an agreement as broken."""
    outcome = await on.commands.mark_agreement_broken(
        on.case_id, agreement_id, note=body.note, **on.by
    )
    return on.answer(outcome)


def _day(a: AgreementCreate) -> str | None:
    return a.due_date.isoformat() if a.due_date else None
