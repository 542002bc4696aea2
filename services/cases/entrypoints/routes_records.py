"""Complaints, dialogue notes, the handover from the authority, network relations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.cases.entrypoints.deps import CaseCommand, new_id
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
async def receive_complaint(body: ComplaintReceive, cmd: CaseCommand) -> CommandAccepted:
    """Receive a complaint; first contact is due within 24 hours."""
    complaint_id = new_id(body.complaint_id)
    now = cmd.now()

    def change(case: Any) -> str:
        case.receive_complaint(
            complaint_id=complaint_id,
            received_at=body.received_at or now.at,
            complainant=body.complainant,
            channel=body.channel,
            summary=body.summary,
            actor=cmd.actor,
            now=now,
        )
        return complaint_id

    return await cmd.run("receive_complaint", change)


@router.post("/complaints/{complaint_id}/first-contact")
async def first_contact(complaint_id: str, body: FirstContact, cmd: CaseCommand) -> CommandAccepted:
    """Record the first contact with the complainant."""
    now = cmd.now()
    return await cmd.run(
        "record_complaint_first_contact",
        lambda c: c.record_complaint_first_contact(
            complaint_id=complaint_id,
            contacted_at=body.contacted_at or now.at,
            actor=cmd.actor,
            now=now,
        ),
    )


@router.post("/complaints/{complaint_id}/resolve")
async def resolve_complaint(
    complaint_id: str, body: ComplaintResolve, cmd: CaseCommand
) -> CommandAccepted:
    """Resolve a complaint with an outcome."""
    return await cmd.run(
        "resolve_complaint",
        lambda c: c.resolve_complaint(
            complaint_id=complaint_id,
            outcome=body.outcome,
            resolution=body.resolution,
            actor=cmd.actor,
        ),
    )


@router.post("/dialogue-notes", status_code=201)
async def note_dialogue(body: DialogueNote, cmd: CaseCommand) -> CommandAccepted:
    """Note a dialogue (phone, meeting, e-mail) with a summary and participants."""
    note_id = new_id(body.note_id)

    def change(case: Any) -> str:
        case.note_dialogue(
            note_id=note_id,
            kind=body.kind,
            summary=body.summary,
            participants=body.participants,
            actor=cmd.actor,
        )
        return note_id

    return await cmd.run("note_dialogue", change)


@router.post("/handover")
async def record_handover(body: Handover, cmd: CaseCommand) -> CommandAccepted:
    """Record the handover from the authority unit to the tilbud."""
    return await cmd.run(
        "record_handover",
        lambda c: c.record_handover(
            deliverables=body.deliverables,
            expectations=body.expectations,
            legal_differences=body.legal_differences,
            actor=cmd.actor,
        ),
    )


@router.post("/network-relations", status_code=201)
async def record_network_relation(body: NetworkRelation, cmd: CaseCommand) -> CommandAccepted:
    """Record a new or re-established relation in the citizen's network."""
    relation_id = new_id(body.relation_id)

    def change(case: Any) -> str:
        case.record_network_relation(
            relation_id=relation_id,
            kind=body.kind,
            category=body.category,
            description=body.description,
            actor=cmd.actor,
        )
        return relation_id

    return await cmd.run("record_network_relation", change)
