"""Relatives in leader hiring (pilot 2021-2022): hirings per citizen centre."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Path, Response
from pydantic import Field

from services.councils.application import CouncilCommands, Outcome
from services.councils.domain.leader_hiring import MAX_RELATIVES, LeaderHirings
from services.councils.entrypoints.deps import Commands, PoolKeeper, Reader, accepted
from services.councils.entrypoints.schemas import Body, CommandAccepted, StatePublic
from shared.errors import ConflictError, DomainError, NotFoundError
from shared.http.fields import ONE_LINE, PastDate, Ref
from shared.organisation import OrganisationDirectory, load_directory

router = APIRouter(prefix="/leader-hirings", tags=["leader hiring"])
CentreId = Path(max_length=100, pattern=ONE_LINE, description="The citizen centre's id.")


class Relatives(Body):
    focus_group: int = Field(
        default=0, ge=0, le=MAX_RELATIVES, description="In a focus group before."
    )
    hiring_committee: int = Field(
        default=0, ge=0, le=MAX_RELATIVES, description="Seats on the committee."
    )
    other: int = Field(default=0, ge=0, le=MAX_RELATIVES, description="Took part in another way.")


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


def heads_of(directory: OrganisationDirectory, centre_id: str) -> list[str]:
    """The staff ids with the right to hire at the centre: its head and its department's."""
    for dept in directory.tree()["departments"]:
        for centre in dept["centres"]:
            if str(centre["centre_id"]) == centre_id:
                return [str(x["head"]["staff_id"]) for x in (dept, centre) if x.get("head")]
    raise DomainError("unknown_centre", "no such citizen centre", centre_id=centre_id)


def _directory(commands: CouncilCommands) -> OrganisationDirectory:
    return commands.organisation or load_directory()


async def _on_centre(
    commands: CouncilCommands, centre_id: str, change: Callable[[Any], Any]
) -> Outcome:
    aggregate_id = LeaderHirings.create_id(centre_id)
    try:
        return await commands.change("leader_hirings", "record", aggregate_id, None, change)
    except NotFoundError:
        with contextlib.suppress(ConflictError):  # started concurrently
            await commands.create("leader_hirings", aggregate_id, lambda: LeaderHirings(centre_id))
        return await commands.change("leader_hirings", "record", aggregate_id, None, change)


@router.post("/{centre_id}", status_code=201)
async def record_hiring(
    body: HiringCreate,
    commands: Commands,
    response: Response,
    user: PoolKeeper,
    centre_id: str = CentreId,
) -> CommandAccepted:
    """Record a leader hiring at the centre, how relatives took part and who decided."""
    heads = heads_of(_directory(commands), centre_id)

    def change(hirings: LeaderHirings) -> None:
        hirings.record(
            body.hiring_id,
            body.position,
            body.hired_on.isoformat(),
            body.relatives.model_dump(),
            body.decided_by,
            heads,
            actor=user.sub,
        )

    return accepted(await _on_centre(commands, centre_id, change), response)


@router.get("/{centre_id}")
async def get_hirings(
    commands: Commands, response: Response, user: Reader, centre_id: str = CentreId
) -> StatePublic:
    """The centre's hirings, and its hirings with relatives in the pilot against the target."""
    heads_of(_directory(commands), centre_id)
    try:
        hirings = await commands.read(lambda: commands.app.leader_hirings(centre_id))
    except NotFoundError:
        hirings = LeaderHirings(centre_id)  # none recorded yet: an empty view
    response.headers["ETag"] = f'"{hirings.version}"'
    return StatePublic(**hirings.to_state())
