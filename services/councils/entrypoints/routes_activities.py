"""Activities started by relatives: recorded against a grant, listed for inspiration."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from services.councils.entrypoints.access import LoggedPoolReader
from services.councils.entrypoints.deps import (
    Admin,
    Commands,
    ExpectedVersion,
    PoolYear,
    Reader,
    accepted,
)
from services.councils.entrypoints.schemas import CommandAccepted
from services.councils.entrypoints.schemas_activities import (
    ActivityCreate,
    ActivityPublic,
    ActivityReport,
)
from shared.auth import Principal, Role
from shared.http.security import require_roles

router = APIRouter(prefix="/pools", tags=["activities"])
# The reports are free text: the role is checked before the read is logged.
ReportReader = Annotated[
    Principal, Depends(require_roles(Role.COUNCIL_ADMIN, Role.FOLLOW_GROUP, Role.LEADER))
]
Tilbud = Query(default=None, max_length=200, description="Only the activities of a tilbud.")


@router.post("/{year}/applications/{application_id}/activity")
async def record_activity(
    year: PoolYear,
    application_id: str,
    body: ActivityCreate,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: Admin,
) -> CommandAccepted:
    """Record the activity of a grant (answers the amount returned to the pool)."""
    outcome = await commands.record_activity(
        year,
        application_id,
        held_on=body.held_on.isoformat(),
        participants=body.participants.model_dump(),
        cost=body.cost,
        report=body.report,
        actor=user.sub,
        expected_version=version,
    )
    return accepted(outcome, response)


@router.get("/{year}/activities")
async def list_activities(
    year: PoolYear, commands: Commands, user: Reader, tilbud: str | None = Tilbud
) -> list[ActivityPublic]:
    """The inspiration list: activities held, by date (ids, counts, amounts; no text)."""
    pool = await commands.read(lambda: commands.app.pool(year))
    return [ActivityPublic(**row) for row in pool.activities(tilbud)]


@router.get("/{year}/activities/reports")
async def activity_reports(
    year: PoolYear,
    commands: Commands,
    allowed: ReportReader,
    user: LoggedPoolReader,
    tilbud: str | None = Tilbud,
) -> list[ActivityReport]:
    """The activities with their reports, for councils, the follow group and leaders."""
    pool = await commands.read(lambda: commands.app.pool(year))
    return [ActivityReport(**row) for row in pool.activities(tilbud, with_report=True)]
