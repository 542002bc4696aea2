"""Dependencies of the cases API, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from services.cases.application import CaseCommands
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
