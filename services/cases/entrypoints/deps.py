"""Dependencies of the cases API, as ``Annotated`` aliases (the commands' own is
``on_case.OnCase``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.cases.application import CaseCommands
from shared.auth import Principal, Role
from shared.http.security import require_roles


# Dependencies are async: FastAPI runs plain functions in a thread pool, a thread hop
# per dependency per request.
async def _commands(request: Request) -> CaseCommands:
    return commands_of(request)


def commands_of(request: Request) -> CaseCommands:
    """The service's commands (kept on the app's state by ``create_app``)."""
    commands: CaseCommands = request.app.state.commands
    return commands


Commands = Annotated[CaseCommands, Depends(_commands)]
Writer = Annotated[Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER))]
Reader = Annotated[
    Principal,
    Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR, Role.INTEGRATION)),
]
HistoryReader = Annotated[
    Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR))
]
