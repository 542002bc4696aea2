"""Dependencies of the councils API, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Path, Request, Response

from services.councils.application import CouncilCommands, Outcome
from services.councils.domain.validation import MAX_YEAR, MIN_YEAR
from services.councils.entrypoints.schemas import CommandAccepted
from shared.auth import Principal, Role
from shared.errors import DomainError
from shared.http.security import CurrentUser, require_roles


def _commands(request: Request) -> CouncilCommands:
    commands: CouncilCommands = request.app.state.commands
    return commands


def _if_match(if_match: Annotated[str | None, Header()] = None) -> int | None:
    if if_match is None or if_match.strip() == "*":
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise DomainError("invalid_if_match", 'If-Match must be a version, e.g. "3"')
    return int(raw)


Commands = Annotated[CouncilCommands, Depends(_commands)]
PoolYear = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR, description="The pool's year.")]
ExpectedVersion = Annotated[int | None, Depends(_if_match)]
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
