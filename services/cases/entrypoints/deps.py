"""Dependencies of the cases API, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.cases.application import CaseCommands
from shared.auth import Principal, Role
from shared.http.deps import IfMatch as IfMatch  # on_case takes it from here
from shared.http.deps import expected_version as shared_expected_version
from shared.http.security import require_roles


# Dependencies are async: FastAPI runs plain functions in a thread pool, a thread hop
# per dependency per request.
async def _commands(request: Request) -> CaseCommands:
    return commands_of(request)


def commands_of(request: Request) -> CaseCommands:
    """The service's commands (kept on the app's state by ``create_app``)."""
    commands: CaseCommands = request.app.state.commands
    return commands


def expected_version(if_match: str | None) -> int | None:
    """The case version an ``If-Match`` header names (None: unconditional; 422 otherwise)."""
    return shared_expected_version(if_match, "case version")


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
