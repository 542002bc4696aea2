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
    return commands_of(request)


def commands_of(request: Request) -> CaseCommands:
    """The service's commands (kept on the app's state by ``create_app``)."""
    commands: CaseCommands = request.app.state.commands
    return commands


IfMatch = Annotated[str | None, Header()]


def expected_version(if_match: str | None) -> int | None:
    """The case version an ``If-Match`` header names (None: unconditional; 422 otherwise)."""
    if if_match is None or if_match.strip() == "*":
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise DomainError("invalid_if_match", 'If-Match must be a case version, e.g. "3"')
    return int(raw)


Commands = Annotated[CaseCommands, Depends(_commands)]
Writer = Annotated[Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER))]
LeaderOnly = Annotated[Principal, Depends(require_roles(Role.LEADER))]
Reader = Annotated[
    Principal,
    Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR, Role.INTEGRATION)),
]
HistoryReader = Annotated[
    Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR))
]
