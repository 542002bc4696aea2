"""The dependency of a route that runs one named command on the case in its path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request, Response

from services.cases.application import CaseCommands, Outcome
from services.cases.entrypoints.deps import (
    IfMatch,
    LeaderOnly,
    Writer,
    commands_of,
    expected_version,
)
from services.cases.entrypoints.responses import CommandAccepted, accepted
from shared.auth import Principal, Role
from shared.http.commands import Caller


@dataclass(frozen=True)
class CaseCall(Caller):
    """The case named in the path, the If-Match version, the caller, and the answer."""

    commands: CaseCommands
    case_id: UUID
    version: int | None
    actor: str
    actor_is_leader: bool
    response: Response

    def answer(self, outcome: Outcome) -> CommandAccepted:
        """The command's answer, with the case's new version as the ETag."""
        return accepted(outcome, self.response)


# One dependency over the role check (which is one over the bearer scheme): FastAPI's
# cost per request grows with each dependency it solves, and this runs on every command.
async def _writer(
    request: Request, case_id: UUID, response: Response, user: Writer, if_match: IfMatch = None
) -> CaseCall:
    return _call(request, case_id, response, user, if_match)


async def _leader(
    request: Request,
    case_id: UUID,
    response: Response,
    user: LeaderOnly,
    if_match: IfMatch = None,
) -> CaseCall:
    return _call(request, case_id, response, user, if_match)


def _call(
    request: Request, case_id: UUID, response: Response, user: Principal, if_match: str | None
) -> CaseCall:
    return CaseCall(
        commands_of(request),
        case_id,
        expected_version(if_match),
        user.sub,
        user.has_any(Role.LEADER),
        response,
    )


OnCase = Annotated[CaseCall, Depends(_writer)]
LeaderOnCase = Annotated[CaseCall, Depends(_leader)]
