"""Insight (GDPR art. 15) for the privacy officer: one subject's data, as JSON or HTML."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict

from services.cases.adapters.insight import SubjectInsight
from services.cases.entrypoints.access import access_log_of, logged_subject_read
from services.cases.entrypoints.insight_html import render
from shared.auth import Principal, Role

router = APIRouter(prefix="/privacy/subjects", tags=["privacy"])

ExportReader = Annotated[Principal, Depends(logged_subject_read(Role.PRIVACY_OFFICER))]


class SubjectExport(BaseModel):
    """Everything stored about the subject (decrypted), where it was sent, who read it."""

    model_config = ConfigDict(extra="allow")
    subject_id: str
    kind: str
    case_id: str


@router.get(
    "/{subject_id}/export",
    response_model=SubjectExport,
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
async def export_subject(
    subject_id: str,
    user: ExportReader,
    request: Request,
    format: Annotated[Literal["json", "html"] | None, Query()] = None,
) -> Response:
    """Insight: the subject's data, where it was sent and who read it (?format=html)."""
    insight = SubjectInsight(request.app.state.service.app, access_log_of(request))
    found = await asyncio.to_thread(insight.export, subject_id)
    wants_html = format == "html" or (
        format is None and "text/html" in request.headers.get("accept", "")
    )
    if wants_html:
        return HTMLResponse(render(found))
    return JSONResponse(found)
