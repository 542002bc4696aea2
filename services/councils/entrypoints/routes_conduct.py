"""The code of conduct (kodeks): versions adopted by the follow group, acknowledgements."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Response
from pydantic import Field, StrictInt

from services.councils.domain.conduct import MAX_TEXT
from services.councils.entrypoints.deps import Commands, Decider, ExpectedVersion, Reader, accepted
from services.councils.entrypoints.schemas import Body, CommandAccepted, StatePublic
from shared.auth import Role
from shared.errors import ForbiddenError
from shared.http.fields import ONE_LINE, LongText, PastDate, Ref
from shared.http.openapi import error_responses

router = APIRouter(prefix="/code-of-conduct", tags=["code of conduct"])


class VersionCreate(Body):
    text: LongText = Field(min_length=1, max_length=MAX_TEXT, description="The text, in Danish.")
    adopted_on: PastDate


class AcknowledgementCreate(Body):
    version: StrictInt = Field(
        ge=1, le=10_000, description="The version acknowledged (the current)."
    )
    kind: str = Field(description="staff or relative", max_length=20, pattern=ONE_LINE)
    person_id: Ref | None = Field(default=None, description="Default: you.")
    tilbud_id: Ref
    on: PastDate | None = Field(default=None, description="Default: today.")


@router.post("/versions", status_code=201)
async def adopt_version(
    body: VersionCreate,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: Decider,
) -> CommandAccepted:
    """The follow group adopts a new version (answers its number); everyone is asked again."""
    outcome = await commands.adopt_code_version(
        text=body.text,
        adopted_on=body.adopted_on.isoformat(),
        actor=user.sub,
        actor_is_leader=user.has_any(Role.LEADER),
        expected_version=version,
    )
    return accepted(outcome, response)


@router.post("/acknowledgements", status_code=201)
async def acknowledge(
    body: AcknowledgementCreate, commands: Commands, response: Response, user: Reader
) -> CommandAccepted:
    """Acknowledge the current version: for yourself, or (``council_admin``) for anyone."""
    person_id = body.person_id or user.sub
    if person_id != user.sub and not user.has_any(Role.COUNCIL_ADMIN):
        raise ForbiddenError("not_own_acknowledgement", "You acknowledge for yourself only.")
    outcome = await commands.acknowledge_code(
        version=body.version,
        kind=body.kind,
        person_id=person_id,
        tilbud_id=body.tilbud_id,
        on=(body.on or date.today()).isoformat(),
        actor=user.sub,
    )
    return accepted(outcome, response)


@router.get("", responses=error_responses(404))
async def get_code(commands: Commands, response: Response, user: Reader) -> StatePublic:
    """The versions with their text and dates, and the current version."""
    code = await commands.read(lambda: commands.app.code_of_conduct())
    response.headers["ETag"] = f'"{code.version}"'
    return StatePublic(**code.to_state())


@router.get("/acknowledgements", responses=error_responses(404))
async def acknowledgements(
    commands: Commands,
    user: Reader,
    tilbud: str | None = Query(default=None, max_length=200),
) -> list[dict[str, Any]]:
    """Who acknowledged the current version (ids, kind, tilbud, date)."""
    code = await commands.read(lambda: commands.app.code_of_conduct())
    return code.acknowledgements(tilbud)
