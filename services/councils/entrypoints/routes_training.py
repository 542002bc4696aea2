"""Training and onboarding: course sessions on relatives' collaboration, onboardings."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import Field, StrictBool

from services.councils.domain.training import MAX_PARTICIPANTS, Training
from services.councils.entrypoints.deps import Commands, PoolKeeper, Reader, accepted
from services.councils.entrypoints.schemas import Body, CommandAccepted, StatePublic
from shared.errors import NotFoundError
from shared.http.fields import ONE_LINE, PastDate, Ref

router = APIRouter(prefix="/training", tags=["training"])


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
    expectations_included: StrictBool = Field(
        description="The expectations of the collaboration with relatives were part of it."
    )


@router.post("/sessions", status_code=201)
async def record_session(
    body: SessionCreate, commands: Commands, response: Response, user: PoolKeeper
) -> CommandAccepted:
    """Record a course session held, with its participants (staff id and tilbud)."""
    outcome = await commands.record_session(
        session_id=body.session_id,
        course=body.course,
        audience=body.audience,
        held_on=body.held_on.isoformat(),
        participants=[(p.staff_id, p.tilbud_id) for p in body.participants],
        actor=user.sub,
    )
    return accepted(outcome, response)


@router.post("/onboardings", status_code=201)
async def onboard(
    body: OnboardingCreate, commands: Commands, response: Response, user: PoolKeeper
) -> CommandAccepted:
    """Record a staff member's onboarding, which includes the expectations (once each)."""
    outcome = await commands.onboard(
        staff_id=body.staff_id,
        tilbud_id=body.tilbud_id,
        on=body.on.isoformat(),
        expectations_included=body.expectations_included,
        actor=user.sub,
    )
    return accepted(outcome, response)


@router.get("")
async def get_training(commands: Commands, response: Response, user: Reader) -> StatePublic:
    """The sessions with participants (ids), onboardings counted, trained staff per tilbud."""
    try:
        training = await commands.read(lambda: commands.app.training())
    except NotFoundError:
        training = Training()  # nothing recorded yet: an empty view
    response.headers["ETag"] = f'"{training.version}"'
    return StatePublic(**training.to_state())
