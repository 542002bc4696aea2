"""Who read a case's personal data: the access log, for auditors and the privacy officer."""

from __future__ import annotations

import asyncio
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.cases.entrypoints.access import access_log_of
from shared.auth import Principal, Role
from shared.http.security import require_roles

router = APIRouter(prefix="/cases/{case_id}", tags=["privacy"])

LogReader = Annotated[Principal, Depends(require_roles(Role.AUDITOR, Role.PRIVACY_OFFICER))]


class AccessLogEntry(BaseModel):
    """One read of personal data: who, when, where, which subjects; ids only."""

    seq: int = Field(description="Position in the service's whole log (the hash chain).")
    read_at: str
    actor: str = Field(description="The token's subject (a user or a service).")
    roles: list[str]
    endpoint: str = Field(description="Method and route, e.g. `GET /cases/{case_id}`.")
    case_id: str | None
    subjects: list[str] = Field(description="The data subjects whose data was read.")
    correlation_id: str | None
    prev_hash: str
    hash: str


class AccessLogPage(BaseModel):
    """A page of a case's access log, oldest read first."""

    case_id: UUID
    total: int
    offset: int
    limit: int
    entries: list[AccessLogEntry]


@router.get("/access-log")
async def case_access_log(
    case_id: UUID,
    user: LogReader,
    request: Request,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AccessLogPage:
    """Every logged read of the case's personal data (who, when, which endpoint), paged."""
    log = await asyncio.to_thread(access_log_of, request)
    entries = await asyncio.to_thread(log.for_case, str(case_id), offset, limit)
    total = await asyncio.to_thread(log.count_for_case, str(case_id))
    return AccessLogPage(
        case_id=case_id,
        total=total,
        offset=offset,
        limit=limit,
        entries=[AccessLogEntry.model_validate(e.as_dict()) for e in entries],
    )
