"""Privacy in the councils service: erasure of a data subject, its status and insight
(``shared.privacy.routes``, for the privacy officer), and a council's or a pool's access
log (auditor, privacy officer)."""

from __future__ import annotations

import asyncio
from uuid import UUID

from fastapi import APIRouter, Request

from services.councils.adapters.insight import SubjectInsight
from services.councils.adapters.privacy import NAMING, councils_eraser
from services.councils.entrypoints.deps import PoolYear
from shared.privacy.log_page import Limit, LogReader, Offset, log_page, page_model
from shared.privacy.routes import privacy_router

subjects_router = privacy_router(
    NAMING,
    councils_eraser,
    SubjectInsight,
    erase_doc="Erase a subject (person:<council id>:<person_ref>, text:<council id> or\n"
    "text:<pool id>:<application id>): destroy their data key, record SubjectErased.",
    status_doc="Whether a councils subject is erased, and when.",
)

router = APIRouter(tags=["privacy"])

AccessLogPage = page_model(
    "aggregate_id",
    "A page of a council's (or a pool's) access log, oldest read first.",
    "GET /councils/{council_id}",
    "The council (or pool) read; the field's name is shared with cases.",
)


@router.get("/councils/{council_id}/access-log", response_model=AccessLogPage)
async def council_access_log(
    council_id: UUID, user: LogReader, request: Request, offset: Offset = 0, limit: Limit = 100
) -> object:
    """Who read the council's names and free text: oldest first (auditor, privacy officer)."""
    app = request.app.state.service.app
    await asyncio.to_thread(app.council, council_id)  # 404 for an unknown council
    return await log_page(request, AccessLogPage, council_id, offset, limit)


@router.get("/pools/{year}/access-log", response_model=AccessLogPage)
async def pool_access_log(
    year: PoolYear, user: LogReader, request: Request, offset: Offset = 0, limit: Limit = 100
) -> object:
    """Who read the pool's applications (free text): oldest first."""
    pool = await asyncio.to_thread(request.app.state.service.app.pool, year)  # 404
    return await log_page(request, AccessLogPage, pool.id, offset, limit)
