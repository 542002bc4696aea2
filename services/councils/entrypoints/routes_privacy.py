"""Privacy in the councils service: erasure of a data subject (privacy officer) and a
council's access log (auditor, privacy officer)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from services.councils.adapters.erasure import SubjectEraser
from services.councils.domain.council_privacy import ErasureReason
from services.councils.entrypoints.access import access_log_of
from services.councils.entrypoints.deps import PoolYear
from shared.auth import Principal, Role
from shared.http.security import require_roles

router = APIRouter(tags=["privacy"])

PrivacyOfficer = Annotated[Principal, Depends(require_roles(Role.PRIVACY_OFFICER))]
LogReader = Annotated[Principal, Depends(require_roles(Role.AUDITOR, Role.PRIVACY_OFFICER))]


async def _eraser(request: Request) -> SubjectEraser:
    service = request.app.state.service
    return SubjectEraser(service.app, service.commands)


Eraser = Annotated[SubjectEraser, Depends(_eraser)]


class ErasureRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: ErasureReason = Field(
        description="Why (a code; no free text is stored): data_subject_request, "
        "retention_expired, consent_withdrawn, unlawful_processing or legal_obligation."
    )


class SubjectStatus(BaseModel):
    """A data subject's erasure status; ids and codes only."""

    model_config = ConfigDict(extra="allow")
    subject_id: str
    erased: bool
    erased_at: str | None = None


@router.post("/privacy/subjects/{subject_id}/erase")
async def erase_subject(
    subject_id: str, body: ErasureRequest, user: PrivacyOfficer, eraser: Eraser
) -> SubjectStatus:
    """Erase a subject (person:<council id>:<person_ref>, text:<council id> or
    text:<pool id>:<application id>): destroy their data key, record SubjectErased."""
    outcome = await eraser.erase(subject_id, body.reason.value, user.sub)
    return SubjectStatus.model_validate(outcome)


@router.get("/privacy/subjects/{subject_id}")
async def subject_status(subject_id: str, user: PrivacyOfficer, eraser: Eraser) -> SubjectStatus:
    """Whether a councils subject is erased, and when."""
    status: dict[str, Any] = await eraser.status(subject_id)
    return SubjectStatus.model_validate(status)


class AccessLogEntry(BaseModel):
    """One read of personal data: who, when, where, which subjects; ids only."""

    seq: int = Field(description="Position in the service's whole log (the hash chain).")
    read_at: str
    actor: str = Field(description="The token's subject (a user or a service).")
    roles: list[str]
    endpoint: str = Field(description="Method and route, e.g. `GET /councils/{council_id}`.")
    case_id: str | None = Field(
        description="The council (or pool) read; the field's name is shared with cases."
    )
    subjects: list[str] = Field(description="The data subjects whose data was read.")
    correlation_id: str | None
    prev_hash: str
    hash: str


class AccessLogPage(BaseModel):
    """A page of a council's (or a pool's) access log, oldest read first."""

    aggregate_id: UUID
    total: int
    offset: int
    limit: int
    entries: list[AccessLogEntry]


@router.get("/councils/{council_id}/access-log")
async def council_access_log(
    council_id: UUID,
    user: LogReader,
    request: Request,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AccessLogPage:
    """Who read the council's names and free text: oldest first (auditor, privacy officer)."""
    app = request.app.state.service.app
    await asyncio.to_thread(app.council, council_id)  # 404 for an unknown council
    return await _page(request, council_id, offset, limit)


@router.get("/pools/{year}/access-log")
async def pool_access_log(
    year: PoolYear,
    user: LogReader,
    request: Request,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AccessLogPage:
    """Who read the pool's applications (free text): oldest first."""
    pool = await asyncio.to_thread(request.app.state.service.app.pool, year)  # 404
    return await _page(request, pool.id, offset, limit)


async def _page(request: Request, aggregate_id: UUID, offset: int, limit: int) -> AccessLogPage:
    log = await asyncio.to_thread(access_log_of, request)
    entries = await asyncio.to_thread(log.for_case, str(aggregate_id), offset, limit)
    total = await asyncio.to_thread(log.count_for_case, str(aggregate_id))
    return AccessLogPage(
        aggregate_id=aggregate_id,
        total=total,
        offset=offset,
        limit=limit,
        entries=[AccessLogEntry.model_validate(e.as_dict()) for e in entries],
    )
