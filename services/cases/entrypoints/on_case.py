"""The dependency of a route that runs one named command on the case in its path.

It takes only the request and reads the bearer token, the case id and ``If-Match``
itself (FastAPI solves one dependency per command, not a role check, a bearer scheme,
a path and a header parameter); the OpenAPI still shows them, from ``_declares``."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Request, Response

from services.cases.application import CaseCommands, Outcome
from services.cases.entrypoints.deps import commands_of
from services.cases.entrypoints.responses import CommandAccepted, accepted
from shared.auth import Role
from shared.http.commands import Caller
from shared.http.deps import IfMatch, declared_as, if_match_version, path_uuid
from shared.http.security import Bearer, authorise, checks_roles


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


async def _declares(case_id: UUID, credentials: Bearer, if_match: IfMatch = None) -> None:
    """OpenAPI only: what a command on a case reads from its request."""


def _on_case(*roles: str) -> Callable[..., Coroutine[Any, Any, CaseCall]]:
    """The call of a command by a caller holding any of ``roles``: 401/403 first, then
    the case id (422 when malformed), then If-Match (422 ``invalid_if_match``)."""

    @declared_as(_declares)
    async def call(request: Request, response: Response) -> CaseCall:
        user = authorise(request, roles)
        return CaseCall(
            commands_of(request),
            await path_uuid(request, "case_id"),
            if_match_version(request, "case version"),
            user.sub,
            user.has_any(Role.LEADER),
            response,
        )

    checks_roles(call)
    return call


OnCase = Annotated[CaseCall, Depends(_on_case(Role.CASEWORKER, Role.LEADER))]
LeaderOnCase = Annotated[CaseCall, Depends(_on_case(Role.LEADER))]
