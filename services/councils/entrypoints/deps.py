"""Dependencies of the councils API, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request, Response

from services.councils.application import CouncilCommands, Outcome
from services.councils.domain.validation import MAX_YEAR, MIN_YEAR
from services.councils.entrypoints.schemas import CommandAccepted
from shared.auth import Principal, Role
from shared.http.deps import ExpectedVersion as ExpectedVersion  # the routes take it here
from shared.http.security import CurrentUser, require_roles


# async: FastAPI runs a plain function in a thread pool, a thread hop per request.
async def _commands(request: Request) -> CouncilCommands:
    return commands_of(request)


def commands_of(request: Request) -> CouncilCommands:
    """The service's commands (kept on the app's state)."""
    commands: CouncilCommands = request.app.state.commands
    return commands


Commands = Annotated[CouncilCommands, Depends(_commands)]
PoolYear = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR, description="The pool's year.")]
Admin = Annotated[Principal, Depends(require_roles(Role.COUNCIL_ADMIN))]
PoolKeeper = Annotated[Principal, Depends(require_roles(Role.COUNCIL_ADMIN, Role.LEADER))]
Leader = Annotated[Principal, Depends(require_roles(Role.LEADER))]
# Who may decide for the follow group is checked by the domain (a current member or a
# leader acting for it); the roles here only turn away everyone else early.
Decider = Annotated[Principal, Depends(require_roles(Role.LEADER, Role.FOLLOW_GROUP))]
Reader = CurrentUser


def accepted(outcome: Outcome, response: Response) -> CommandAccepted:
    response.headers["ETag"] = f'"{outcome.version}"'
    return CommandAccepted(id=outcome.aggregate_id, version=outcome.version, result=outcome.result)
