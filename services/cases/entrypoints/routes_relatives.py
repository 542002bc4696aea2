"""Relatives of the citizen and the citizen's consent per relative and scope."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.cases.entrypoints.deps import CaseCommand, new_id
from services.cases.entrypoints.responses import CommandAccepted
from services.cases.entrypoints.schemas import (
    ConsentChange,
    RelativeCreate,
    RelativeRemove,
    RelativeUpdate,
)

router = APIRouter(prefix="/cases/{case_id}/relatives", tags=["relatives and consent"])


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
