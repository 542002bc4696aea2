"""Complaints, dialogue notes, the handover from the authority, network relations."""

from __future__ import annotations

from fastapi import APIRouter

from services.cases.entrypoints.on_case import OnCase
from services.cases.entrypoints.responses import CommandAccepted
from services.cases.entrypoints.schemas import (
    ComplaintReceive,
    ComplaintResolve,
    DialogueNote,
    FirstContact,
    Handover,
    NetworkRelation,
)

router = APIRouter(prefix="/cases/{case_id}", tags=["complaints and records"])


@router.post("/complaints", status_code=201)
async def receive_complaint(body: ComplaintReceive, on: OnCase) -> CommandAccepted:
    """Receive a complaint; first contact is due within 24 hours."""
    outcome = await on.commands.receive_complaint(
        on.case_id,
        complaint_id=body.complaint_id,
        received_at=body.received_at,
        complainant=body.complainant,
        channel=body.channel,
        summary=body.summary,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/complaints/{complaint_id}/first-contact")
async def first_contact(complaint_id: str, body: FirstContact, on: OnCase) -> CommandAccepted:
    """Record the first contact with the complainant."""
    outcome = await on.commands.record_complaint_first_contact(
        on.case_id, complaint_id, contacted_at=body.contacted_at, **on.by
    )
    return on.answer(outcome)


@router.post("/complaints/{complaint_id}/resolve")
async def resolve_complaint(
    complaint_id: str, body: ComplaintResolve, on: OnCase
) -> CommandAccepted:
    """Resolve a complaint with an outcome."""
    outcome = await on.commands.resolve_complaint(
        on.case_id, complaint_id, outcome=body.outcome, resolution=body.resolution, **on.by
    )
    return on.answer(outcome)


@router.post("/dialogue-notes", status_code=201)
async def note_dialogue(body: DialogueNote, on: OnCase) -> CommandAccepted:
    """Note a dialogue (phone, meeting, e-mail) with a summary and participants."""
    outcome = await on.commands.note_dialogue(
        on.case_id,
        note_id=body.note_id,
        kind=body.kind,
        summary=body.summary,
        participants=body.participants,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/handover")
async def record_handover(body: Handover, on: OnCase) -> CommandAccepted:
    """Record the handover from the authority unit to the tilbud."""
    outcome = await on.commands.record_handover(
        on.case_id,
        deliverables=body.deliverables,
        expectations=body.expectations,
        legal_differences=body.legal_differences,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/network-relations", status_code=201)
async def record_network_relation(body: NetworkRelation, on: OnCase) -> CommandAccepted:
    """Record a new or re-established relation in the citizen's network."""
    outcome = await on.commands.record_network_relation(
        on.case_id,
        relation_id=body.relation_id,
        kind=body.kind,
        category=body.category,
        description=body.description,
        **on.by,
    )
    return on.answer(outcome)
