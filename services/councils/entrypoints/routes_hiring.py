"""Relatives in leader hiring (pilot 2021-2022): hirings per citizen centre."""

from __future__ import annotations

from fastapi import APIRouter, Path, Response
from pydantic import Field, StrictInt

from services.councils.domain.leader_hiring import MAX_RELATIVES, LeaderHirings
from services.councils.entrypoints.deps import Commands, PoolKeeper, Reader, accepted
from services.councils.entrypoints.schemas import Body, CommandAccepted, StatePublic
from shared.errors import NotFoundError
from shared.http.fields import ONE_LINE, PastDate, Ref

router = APIRouter(prefix="/leader-hirings", tags=["leader hiring"])
CentreId = Path(max_length=100, pattern=ONE_LINE, description="The citizen centre's id.")


class Relatives(Body):
    focus_group: StrictInt = Field(
        default=0, ge=0, le=MAX_RELATIVES, description="In a focus group before."
    )
    hiring_committee: StrictInt = Field(
        default=0, ge=0, le=MAX_RELATIVES, description="Seats on the committee."
    )
    other: StrictInt = Field(
        default=0, ge=0, le=MAX_RELATIVES, description="Took part in another way."
    )


class HiringCreate(Body):
    hiring_id: Ref
    position: str = Field(
        max_length=40,
        pattern=ONE_LINE,
        description="centre_head, tilbud_leader, deputy_leader, team_leader or other",
    )
    hired_on: PastDate
    relatives: Relatives = Field(default_factory=Relatives)
    decided_by: Ref = Field(description="The staff id of the department or centre head.")


@router.post("/{centre_id}", status_code=201)
async def record_hiring(
    body: HiringCreate,
    commands: Commands,
    response: Response,
    user: PoolKeeper,
    centre_id: str = CentreId,
) -> CommandAccepted:
    """Record a leader hiring at the centre, how relatives took part and who decided."""
    outcome = await commands.record_hiring(
        centre_id,
        hiring_id=body.hiring_id,
        position=body.position,
        hired_on=body.hired_on.isoformat(),
        relatives=body.relatives.model_dump(),
        decided_by=body.decided_by,
        actor=user.sub,
    )
    return accepted(outcome, response)


@router.get("/{centre_id}")
async def get_hirings(
    commands: Commands, response: Response, user: Reader, centre_id: str = CentreId
) -> StatePublic:
    """The centre's hirings, and its hirings with relatives in the pilot against the target."""
    commands.centre_heads(centre_id)  # 422 unknown_centre
    try:
        hirings = await commands.read(lambda: commands.app.leader_hirings(centre_id))
    except NotFoundError:
        hirings = LeaderHirings(centre_id)  # none recorded yet: an empty view
    response.headers["ETag"] = f'"{hirings.version}"'
    return StatePublic(**hirings.to_state())
