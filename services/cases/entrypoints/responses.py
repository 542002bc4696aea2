"""Response models and the command answer with its ETag."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import Response
from pydantic import BaseModel, Field

from services.cases.application import Outcome


class CommandAccepted(BaseModel):
    """A command was recorded: the case and its version after it (also the ETag)."""

    case_id: UUID
    version: int
    id: str | None = None


def accepted(outcome: Outcome, response: Response) -> CommandAccepted:
    response.headers["ETag"] = f'"{outcome.version}"'
    sub_id = outcome.result if isinstance(outcome.result, str) else None
    return CommandAccepted(case_id=outcome.aggregate_id, version=outcome.version, id=sub_id)


class CasePublic(BaseModel):
    """The current state of a case, with its version."""

    model_config = {"extra": "allow"}

    id: UUID
    version: int


class HistoryEntry(BaseModel):
    """One recorded event of a case."""

    version: int
    type: str = Field(
        description="The event's public name, e.g. `Opened`, `LevelAssessed` "
        "(docs/dev/cases-domain.md lists them)."
    )
    recorded_at: str
    actor: str
    correlation_id: str | None = None
    data: dict[str, Any]
