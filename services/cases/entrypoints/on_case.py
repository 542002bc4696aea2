"""The dependency of a route that runs one named command on the case in its path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Response

from services.cases.application import CaseCommands, Outcome
from services.cases.entrypoints.deps import Commands, ExpectedVersion, LeaderOnly, Writer
from services.cases.entrypoints.responses import CommandAccepted, accepted
from shared.auth import Principal, Role


@dataclass(frozen=True)
class CaseCall:
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


def _call(
    case_id: UUID, commands: CaseCommands, version: int | None, response: Response, user: Principal
) -> CaseCall:
    return CaseCall(commands, case_id, version, user.sub, user.has_any(Role.LEADER), response)


async def _writer(
    case_id: UUID, commands: Commands, version: ExpectedVersion, response: Response, user: Writer
) -> CaseCall:
    return _call(case_id, commands, version, response, user)


async def _leader(
    case_id: UUID,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: LeaderOnly,
) -> CaseCall:
    return _call(case_id, commands, version, response, user)


OnCase = Annotated[CaseCall, Depends(_writer)]
LeaderOnCase = Annotated[CaseCall, Depends(_leader)]
