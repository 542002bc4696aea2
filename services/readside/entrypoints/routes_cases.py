"""Case list, search and detail from the projections."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from services.readside.adapters.queries import CaseFilter
from services.readside.entrypoints.deps import CaseReader, Queries
from shared.http.bounds import MAX_SAFE_INT
from shared.http.fields import Ref
from shared.http.openapi import error_responses

router = APIRouter(prefix="/cases", tags=["cases"])

Flag = Annotated[bool | None, Query()]


@router.get("")
async def list_cases(
    user: CaseReader,
    queries: Queries,
    tilbud_id: Annotated[Ref | None, Query()] = None,
    level: Annotated[int | None, Query(ge=1, le=4)] = None,
    leader: Annotated[Ref | None, Query()] = None,
    status: Annotated[str | None, Query(pattern="^(open|closed)$")] = None,
    open_complaints: Flag = None,
    overdue_first_contact: Flag = None,
    missing_plan: Flag = None,
    leader_required: Flag = None,
    move_in_conversation_missing: Flag = None,
    missing_contact_person: Flag = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_SAFE_INT)] = 0,
) -> dict[str, Any]:
    """Cases matching the filters, highest level and most recently changed first."""
    criteria = CaseFilter(
        tilbud_id=tilbud_id,
        level=level,
        leader=leader,
        status=status,
        open_complaints=open_complaints,
        overdue_first_contact=overdue_first_contact,
        missing_plan=missing_plan,
        leader_required=leader_required,
        move_in_conversation_missing=move_in_conversation_missing,
        missing_contact_person=missing_contact_person,
    )
    return await queries.list_cases(criteria, limit, offset)


@router.get("/{case_id}", responses=error_responses(503))
async def get_case(
    case_id: UUID,
    user: CaseReader,
    queries: Queries,
    response: Response,
    min_version: Annotated[int | None, Query(ge=1, le=MAX_SAFE_INT)] = None,
    timeline_limit: Annotated[int, Query(ge=0, le=1000)] = 100,
) -> dict[str, Any]:
    """A case's projected state and newest timeline entries; `min_version` waits for
    your own write."""
    detail = await queries.case(str(case_id), min_version, timeline_limit)
    response.headers["ETag"] = f'"{detail["version"]}"'
    return detail


@router.get("/{case_id}/timeline")
async def case_timeline(
    case_id: UUID,
    user: CaseReader,
    queries: Queries,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    before_seq: Annotated[int | None, Query(ge=1, le=MAX_SAFE_INT)] = None,
) -> dict[str, Any]:
    """Every service's events about the case, newest first, a page at a time."""
    return await queries.timeline(str(case_id), limit, before_seq)
