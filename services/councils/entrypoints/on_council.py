"""The dependency of a route that runs one named command on the council in its path.

It takes only the request and reads ``If-Match``, the bearer token and the council id
itself (one dependency for FastAPI to solve per command); the OpenAPI still shows
them, from ``_declares``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request, Response

from services.councils.application import CouncilCommands, Outcome
from services.councils.entrypoints.deps import accepted, commands_of
from services.councils.entrypoints.schemas import CommandAccepted
from shared.auth import Role
from shared.http.commands import Caller
from shared.http.deps import IfMatch, declared_as, if_match_version, path_uuid
from shared.http.security import authorise, checks_roles, declares_bearer

ADMIN = (Role.COUNCIL_ADMIN.value,)


@dataclass(frozen=True)
class CouncilCall(Caller):
    """The council named in the path, the If-Match version, the caller, and the answer."""

    commands: CouncilCommands
    council_id: UUID
    version: int | None
    actor: str
    response: Response

    def answer(self, outcome: Outcome) -> CommandAccepted:
        """The command's answer, with the council's new version as the ETag."""
        return accepted(outcome, self.response)


async def _declares_if_match(if_match: IfMatch = None) -> None:
    """OpenAPI only: the optional If-Match header."""


async def _declares_admin(credentials: Annotated[None, Depends(declares_bearer)]) -> None:
    """OpenAPI only: the bearer scheme, under the role check."""


async def _declares(
    council_id: UUID,
    version: Annotated[None, Depends(_declares_if_match)],
    user: Annotated[None, Depends(_declares_admin)],
) -> None:
    """OpenAPI only: what a command on a council reads from its request."""


@declared_as(_declares)
async def _admin(request: Request, response: Response) -> CouncilCall:
    # In the order FastAPI solved the declared parameters: If-Match (422
    # invalid_if_match), the role check (401, 403), then the id (422).
    version = if_match_version(request)
    user = authorise(request, ADMIN)
    council_id = await path_uuid(request, "council_id")
    return CouncilCall(commands_of(request), council_id, version, user.sub, response)


checks_roles(_admin)
OnCouncil = Annotated[CouncilCall, Depends(_admin)]
