"""Relatives of the citizen and the citizen's consent per relative and scope."""

from __future__ import annotations

from uuid import UUID, uuid4

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.cases.entrypoints.deps import Writer
from services.cases.entrypoints.on_case import OnCase
from services.cases.entrypoints.responses import CommandAccepted
from services.cases.entrypoints.schemas import (
    ConsentChange,
    RelativeCreate,
    RelativeRemove,
    RelativeUpdate,
)
from shared.http.body import RequestBody

router = APIRouter(prefix="/cases/{case_id}/relatives", tags=["relatives and consent"])
persons_router = APIRouter(prefix="/persons", tags=["relatives and consent"])


class PersonLink(RequestBody):
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
    relative_id: str, body: PersonLink, on: OnCase
) -> CommandAccepted:
    """Link a relative entry to a person: a relative of two citizens (a parent of two
    residents) is then one voter and one possible candidate in the councils."""
    outcome = await on.commands.link_relative_to_person(
        on.case_id, relative_id, person_id=str(body.person_id), **on.by
    )
    return on.answer(outcome)


@router.post("", status_code=201)
async def add_relative(body: RelativeCreate, on: OnCase) -> CommandAccepted:
    """Add a relative with relation, legal role and contact channels."""
    outcome = await on.commands.add_relative(
        on.case_id,
        relative_id=body.relative_id,
        name=body.name,
        relation=body.relation,
        legal_role=body.legal_role,
        channels=body.channels,
        preferred_channel=body.preferred_channel,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/{relative_id}/update")
async def update_relative(relative_id: str, body: RelativeUpdate, on: OnCase) -> CommandAccepted:
    """Change a relative's name, relation, legal role or contact channels."""
    outcome = await on.commands.update_relative(
        on.case_id, relative_id, body.model_dump(exclude_unset=True), **on.by
    )
    return on.answer(outcome)


@router.post("/{relative_id}/remove")
async def remove_relative(relative_id: str, body: RelativeRemove, on: OnCase) -> CommandAccepted:
    """Remove a relative (their consents go with them)."""
    outcome = await on.commands.remove_relative(
        on.case_id, relative_id, reason=body.reason, **on.by
    )
    return on.answer(outcome)


@router.post("/{relative_id}/consents/grant")
async def grant_consent(relative_id: str, body: ConsentChange, on: OnCase) -> CommandAccepted:
    """Record the citizen's consent for this relative and scope (oral or written)."""
    outcome = await on.commands.grant_consent(
        on.case_id, relative_id, scope=body.scope, form=body.form, **on.by
    )
    return on.answer(outcome)


@router.post("/{relative_id}/consents/withdraw")
async def withdraw_consent(relative_id: str, body: ConsentChange, on: OnCase) -> CommandAccepted:
    """Record that the citizen withdrew consent; it takes effect at once."""
    outcome = await on.commands.withdraw_consent(
        on.case_id, relative_id, scope=body.scope, form=body.form, **on.by
    )
    return on.answer(outcome)
