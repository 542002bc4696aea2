"""Dependencies of the cases API, as ``Annotated`` aliases."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Header, Request, Response

from services.cases.application import CaseCommands
from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from services.cases.entrypoints.responses import CommandAccepted, accepted
from shared.auth import Principal, Role
from shared.errors import DomainError
from shared.http.security import require_roles


# Dependencies are async: FastAPI runs plain functions in a thread pool, a thread hop
# per dependency per request.
async def _commands(request: Request) -> CaseCommands:
    commands: CaseCommands = request.app.state.commands
    return commands


async def _if_match(if_match: Annotated[str | None, Header()] = None) -> int | None:
    if if_match is None or if_match.strip() == "*":
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise DomainError("invalid_if_match", 'If-Match must be a case version, e.g. "3"')
    return int(raw)


Commands = Annotated[CaseCommands, Depends(_commands)]
ExpectedVersion = Annotated[int | None, Depends(_if_match)]
Writer = Annotated[Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER))]
LeaderOnly = Annotated[Principal, Depends(require_roles(Role.LEADER))]
Reader = Annotated[
    Principal,
    Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR, Role.INTEGRATION)),
]
HistoryReader = Annotated[
    Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR))
]


class CaseCommandRunner:
    """Runs one command on the case named in the path, answering with its new version."""

    def __init__(
        self,
        case_id: UUID,
        commands: CaseCommands,
        version: int | None,
        response: Response,
        user: Principal,
    ) -> None:
        self.case_id = case_id
        self.actor = user.sub
        self.actor_is_leader = user.has_any(Role.LEADER)
        self._commands = commands
        self._version = version
        self._response = response

    def now(self) -> Now:
        """The service's clock reading, for commands that record when something happened."""
        return self._commands.now()

    async def run(self, name: str, change: Callable[[CollaborationCase], Any]) -> CommandAccepted:
        outcome = await self._commands.change(name, self.case_id, self._version, change)
        return accepted(outcome, self._response)


async def _writer_command(
    case_id: UUID, commands: Commands, version: ExpectedVersion, response: Response, user: Writer
) -> CaseCommandRunner:
    return CaseCommandRunner(case_id, commands, version, response, user)


async def _leader_command(
    case_id: UUID,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: LeaderOnly,
) -> CaseCommandRunner:
    return CaseCommandRunner(case_id, commands, version, response, user)


CaseCommand = Annotated[CaseCommandRunner, Depends(_writer_command)]
LeaderCaseCommand = Annotated[CaseCommandRunner, Depends(_leader_command)]


_ids = random.Random()


def new_id(given: str | None) -> str:
    """A client-chosen sub-entity id, or a fresh random one (not a secret, so the fast
    PRNG, seeded from the OS, serves)."""
    return given or f"{_ids.getrandbits(128):032x}"
