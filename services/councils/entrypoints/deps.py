"""Dependencies of the councils API, as ``Annotated`` aliases."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID

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


class _Command:
    """Runs one command on the aggregate named in the path, answering with its version."""

    kind = ""

    def __init__(
        self, commands: CouncilCommands, version: int | None, response: Response, user: Principal
    ) -> None:
        self.actor = user.sub
        self._commands = commands
        self._version = version
        self._response = response

    async def run_on(
        self, aggregate_id: UUID, name: str, change: Callable[[Any], Any]
    ) -> CommandAccepted:
        outcome = await self._commands.change(self.kind, name, aggregate_id, self._version, change)
        return accepted(outcome, self._response)


class CouncilCommand(_Command):
    kind = "council"

    def __init__(
        self,
        council_id: UUID,
        commands: Commands,
        version: ExpectedVersion,
        response: Response,
        user: Admin,
    ) -> None:
        super().__init__(commands, version, response, user)
        self.council_id = council_id
        self.app = commands.app

    async def run(self, name: str, change: Callable[[Any], Any]) -> CommandAccepted:
        return await self.run_on(self.council_id, name, change)


AdminCouncilCommand = Annotated[CouncilCommand, Depends()]


def new_id(given: str | None) -> str:
    """A client-chosen sub-entity id, or a fresh one."""
    return given or uuid.uuid4().hex[:12]
