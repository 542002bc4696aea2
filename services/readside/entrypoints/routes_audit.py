"""The auditors' replay, verify and export over HTTP (role `auditor`)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response

from services.readside.entrypoints.deps import Audit, Auditor
from shared.http.openapi import error_responses

router = APIRouter(prefix="/audit", tags=["audit"])

MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}
EXPORT_CONTENT = {
    "application/x-ndjson": {
        "schema": {"type": "string"},
        "example": '{"seq": 1, "ce_type": "dk.pkraft.cases.case_opened.v1", "...": "..."}\n',
    },
    "text/csv": {"schema": {"type": "string"}},
}


def _token(request: Request) -> str | None:
    """The caller's bearer token, forwarded to the owning service (which logs the read
    under the caller's name)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


@router.get("/cases/{case_id}/replay", responses=error_responses(503))
async def replay(
    case_id: UUID,
    request: Request,
    user: Auditor,
    tools: Audit,
    as_of: Annotated[str | None, Query(description="A version (12) or an ISO 8601 time.")] = None,
    compare_to: Annotated[str | None, Query(description="Second point: show the diff.")] = None,
) -> dict[str, Any]:
    """The case as it stood at `as_of`, asked of the cases service (which logs the read);
    with `compare_to`, both states and the differences between them."""
    replayer = tools.replayer(_token(request))
    if compare_to is None:
        return await asyncio.to_thread(replayer.state, case_id, as_of)
    return await asyncio.to_thread(replayer.compare, case_id, as_of, compare_to)


@router.get("/verify", responses=error_responses(503))
async def verify(request: Request, user: Auditor, tools: Audit) -> dict[str, Any]:
    """Recompute every hash chain and compare the audit store with each source service's
    published events, as its API lists them (`GET /audit/events`)."""
    report = await asyncio.to_thread(tools.verify, _token(request))
    return report.as_dict()


@router.get(
    "/cases/{case_id}/export",
    response_class=Response,
    responses={200: {"description": "One record per line.", "content": EXPORT_CONTENT}},
)
async def export(
    case_id: UUID,
    user: Auditor,
    tools: Audit,
    format: Annotated[str, Query(pattern="^(jsonl|csv)$")] = "jsonl",
) -> Response:
    """The case's full audited history as JSON Lines or CSV."""
    body = await asyncio.to_thread(tools.export, str(case_id), format)
    return Response(
        body,
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="case-{case_id}.{format}"'},
    )
