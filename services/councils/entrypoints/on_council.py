"""The dependency of a route that runs one named command on the council in its path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Response

from services.councils.application import CouncilCommands, Outcome
from services.councils.entrypoints.deps import Admin, Commands, ExpectedVersion, accepted
from services.councils.entrypoints.schemas import CommandAccepted
from shared.http.commands import Caller


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


async def _admin(
    council_id: UUID, commands: Commands, version: ExpectedVersion, response: Response, user: Admin
) -> CouncilCall:
    return CouncilCall(commands, council_id, version, user.sub, response)


OnCouncil = Annotated[CouncilCall, Depends(_admin)]
