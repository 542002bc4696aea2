"""Who read a case's personal data: the access log, for auditors and the privacy officer."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request

from shared.privacy.log_page import Limit, LogReader, Offset, log_page, page_model

router = APIRouter(prefix="/cases/{case_id}", tags=["privacy"])

AccessLogPage = page_model(
    "case_id", "A page of a case's access log, oldest read first.", "GET /cases/{case_id}"
)


@router.get("/access-log", response_model=AccessLogPage)
async def case_access_log(
    case_id: UUID, user: LogReader, request: Request, offset: Offset = 0, limit: Limit = 100
) -> object:
    """Every logged read of the case's personal data (who, when, which endpoint), paged."""
    return await log_page(request, AccessLogPage, case_id, offset, limit)
