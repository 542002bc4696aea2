"""Relatives of the citizen and the citizen's consent per relative and scope."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from services.cases.entrypoints.deps import CaseCommand, Writer, new_id
from services.cases.entrypoints.responses import CommandAccepted
from services.cases.entrypoints.schemas import (
    ConsentChange,
    RelativeCreate,
    RelativeRemove,
    RelativeUpdate,
)

router = APIRouter(prefix="/cases/{case_id}/relatives", tags=["relatives and consent"])
persons_router = APIRouter(prefix="/persons", tags=["relatives and consent"])


class PersonLink(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: UUID = Field(
        description="The person this relative entry is: an opaque id from POST /persons, "
        "the same on every case where the same person is a relative (never a CPR number)."
    )


class PersonCreated(BaseModel):
    person_id: UUID


@persons_router.post("", status_code=201)
async def create_person(user: Writer) -> PersonCreated:
    """A new opaque person id, to link the relative entries of one person across cases."""
    return PersonCreated(person_id=uuid4())


@router.post("/{relative_id}/person")
async def link_relative_to_person(
    relative_id: str, body: PersonLink, cmd: CaseCommand
) -> CommandAccepted:
    """Link a relative entry to a person: a relative of two citizens (a parent of two
    residents) is then one voter and one possible candidate in the councils."""
    return await cmd.run(
        "link_relative_to_person",
        lambda c: c.link_relative_to_person(
            relative_id=relative_id, person_id=str(body.person_id), actor=cmd.actor
        ),
    )


@router.post("", status_code=201)
async def add_relative(body: RelativeCreate, cmd: CaseCommand) -> CommandAccepted:
    """Add a relative with relation, legal role and contact channels."""
    relative_id = new_id(body.relative_id)

    def change(case: Any) -> str:
        case.add_relative(
            relative_id=relative_id,
            name=body.name,
            relation=body.relation,
            legal_role=body.legal_role,
            channels=body.channels,
            preferred_channel=body.preferred_channel,
            actor=cmd.actor,
        )
        return relative_id

    return await cmd.run("add_relative", change)


@router.post("/{relative_id}/update")
async def update_relative(
    relative_id: str, body: RelativeUpdate, cmd: CaseCommand
) -> CommandAccepted:
    """Change a relative's name, relation, legal role or contact channels."""
    changes = body.model_dump(exclude_unset=True)
    return await cmd.run(
        "update_relative",
        lambda c: c.update_relative(relative_id=relative_id, actor=cmd.actor, **changes),
    )


@router.post("/{relative_id}/remove")
async def remove_relative(
    relative_id: str, body: RelativeRemove, cmd: CaseCommand
) -> CommandAccepted:
    """Remove a relative (their consents go with them)."""
    return await cmd.run(
        "remove_relative",
        lambda c: c.remove_relative(relative_id=relative_id, reason=body.reason, actor=cmd.actor),
    )


@router.post("/{relative_id}/consents/grant")
async def grant_consent(relative_id: str, body: ConsentChange, cmd: CaseCommand) -> CommandAccepted:
    """Record the citizen's consent for this relative and scope (oral or written)."""
    return await cmd.run(
        "grant_consent",
        lambda c: c.grant_consent(
            relative_id=relative_id, scope=body.scope, form=body.form, actor=cmd.actor
        ),
    )


@router.post("/{relative_id}/consents/withdraw")
async def withdraw_consent(
    relative_id: str, body: ConsentChange, cmd: CaseCommand
) -> CommandAccepted:
    """Record that the citizen withdrew consent; it takes effect at once."""
    return await cmd.run(
        "withdraw_consent",
        lambda c: c.withdraw_consent(
            relative_id=relative_id, scope=body.scope, form=body.form, actor=cmd.actor
        ),
    )
