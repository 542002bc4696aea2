"""Training and onboarding: course sessions on relatives' collaboration, onboardings."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from services.councils.application import CouncilCommands, Outcome
from services.councils.domain.training import MAX_PARTICIPANTS, Training
from services.councils.entrypoints.deps import Commands, PoolKeeper, Reader, accepted
from services.councils.entrypoints.schemas import Body, CommandAccepted, StatePublic
from shared.errors import ConflictError, NotFoundError
from shared.http.fields import ONE_LINE, PastDate, Ref

router = APIRouter(prefix="/training", tags=["training"])
TRAINING_ID = Training.create_id()


class Participant(Body):
    staff_id: Ref
    tilbud_id: Ref


class SessionCreate(Body):
    session_id: Ref
    course: str = Field(
        default="relatives_collaboration",
        max_length=40,
        pattern=ONE_LINE,
        description="relatives_collaboration",
    )
    audience: str = Field(max_length=20, pattern=ONE_LINE, description="leaders or staff")
    held_on: PastDate
    participants: list[Participant] = Field(min_length=1, max_length=MAX_PARTICIPANTS)


class OnboardingCreate(Body):
    staff_id: Ref
    tilbud_id: Ref
    on: PastDate
    expectations_included: bool = Field(
        description="The expectations of the collaboration with relatives were part of it."
    )


async def _on_training(
    commands: CouncilCommands, name: str, change: Callable[[Any], Any]
) -> Outcome:
    try:
        return await commands.change("training", name, TRAINING_ID, None, change)
    except NotFoundError:
        with contextlib.suppress(ConflictError):  # started concurrently
            await commands.create("training", TRAINING_ID, Training)
        return await commands.change("training", name, TRAINING_ID, None, change)


@router.post("/sessions", status_code=201)
async def record_session(
    body: SessionCreate, commands: Commands, response: Response, user: PoolKeeper
) -> CommandAccepted:
    """Record a course session held, with its participants (staff id and tilbud)."""
    for p in body.participants:
        commands.require_tilbud(p.tilbud_id)
    rows = [(p.staff_id, p.tilbud_id) for p in body.participants]

    def change(training: Training) -> None:
        training.record_session(
            body.session_id, body.course, body.audience, body.held_on.isoformat(), rows, user.sub
        )

    return accepted(await _on_training(commands, "record_session", change), response)


@router.post("/onboardings", status_code=201)
async def onboard(
    body: OnboardingCreate, commands: Commands, response: Response, user: PoolKeeper
) -> CommandAccepted:
    """Record a staff member's onboarding, which includes the expectations (once each)."""
    commands.require_tilbud(body.tilbud_id)

    def change(training: Training) -> None:
        training.onboard(
            body.staff_id, body.tilbud_id, body.on.isoformat(), body.expectations_included, user.sub
        )

    return accepted(await _on_training(commands, "onboard", change), response)


@router.get("")
async def get_training(commands: Commands, response: Response, user: Reader) -> StatePublic:
    """The sessions with participants (ids), onboardings counted, trained staff per tilbud."""
    try:
        training = await commands.read(lambda: commands.app.training())
    except NotFoundError:
        training = Training()  # nothing recorded yet: an empty view
    response.headers["ETag"] = f'"{training.version}"'
    return StatePublic(**training.to_state())
