"""The privacy routes every service that keeps personal data answers, for the privacy
officer: ``POST /privacy/subjects/{id}/erase`` (GDPR art. 17), ``GET
/privacy/subjects/{id}`` (erased or not) and, where the service offers insight, ``GET
/privacy/subjects/{id}/export`` (art. 15, JSON or a Danish HTML page; the read is
logged). A service gives its subject naming, its eraser and its export."""

# No ``from __future__ import annotations``: FastAPI must see the dependency objects.

import asyncio
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field, create_model

from shared.auth import Principal, Role
from shared.http.security import require_roles
from shared.privacy.access import access_log_of, logged_subject_read
from shared.privacy.erasure import SubjectEraser
from shared.privacy.insight import SubjectInsight
from shared.privacy.insight_html import render
from shared.privacy.subjects import SubjectNaming

PrivacyOfficer = Annotated[Principal, Depends(require_roles(Role.PRIVACY_OFFICER))]


class SubjectStatus(BaseModel):
    """A data subject's erasure status; ids and codes only."""

    model_config = ConfigDict(extra="allow")
    subject_id: str
    erased: bool
    erased_at: str | None = None


def privacy_router(
    naming: SubjectNaming,
    eraser: Callable[[Any, Any], SubjectEraser],
    insight: type[SubjectInsight] | None,
    *,
    erase_doc: str,
    status_doc: str,
) -> APIRouter:
    """The privacy officer's routes under ``/privacy/subjects``: ``eraser(app, commands)``
    erases; ``insight`` (if the service offers it) exports."""
    router = APIRouter(prefix="/privacy/subjects", tags=["privacy"])
    request_model: Any = create_model(
        "ErasureRequest",
        __config__=ConfigDict(extra="forbid"),
        reason=(
            naming.reasons,
            Field(
                description="Why (a code; no free text is stored): data_subject_request, "
                "retention_expired, consent_withdrawn, unlawful_processing or legal_obligation."
            ),
        ),
    )

    async def _eraser(request: Request) -> SubjectEraser:
        service = request.app.state.service
        return eraser(service.app, service.commands)

    eraser_dependency = Depends(_eraser)

    async def erase_subject(
        subject_id: str,
        body: request_model,
        user: PrivacyOfficer,
        eraser: Annotated[SubjectEraser, eraser_dependency],
    ) -> SubjectStatus:
        reason = str(body.reason)  # type: ignore[attr-defined]  # (the service's enum)
        outcome = await eraser.erase(subject_id, reason, user.sub)
        return SubjectStatus.model_validate(outcome)

    async def subject_status(
        subject_id: str, user: PrivacyOfficer, eraser: Annotated[SubjectEraser, eraser_dependency]
    ) -> SubjectStatus:
        return SubjectStatus.model_validate(await eraser.status(subject_id))

    router.post("/{subject_id}/erase", description=erase_doc)(erase_subject)
    router.get("/{subject_id}", description=status_doc)(subject_status)
    if insight is not None:
        _export_route(router, naming, insight)
    return router


def _export_route(router: APIRouter, naming: SubjectNaming, insight: type[SubjectInsight]) -> None:
    reader = logged_subject_read(require_roles(Role.PRIVACY_OFFICER), naming)
    answer = create_model(
        "SubjectExport",
        __config__=ConfigDict(extra="allow"),
        __doc__="Everything stored about the subject (decrypted), where it was sent, who read it.",
        subject_id=(str, ...),
        kind=(str, ...),
        **{naming.aggregate_field: (str, ...)},  # type: ignore[call-overload]
    )

    async def export_subject(
        subject_id: str,
        user: Annotated[Principal, Depends(reader)],
        request: Request,
        format: Annotated[Literal["json", "html"] | None, Query()] = None,
    ) -> Response:
        exporter = insight(request.app.state.service.app, access_log_of(request))
        found = await asyncio.to_thread(exporter.export, subject_id)
        wants_html = format == "html" or (
            format is None and "text/html" in request.headers.get("accept", "")
        )
        if wants_html:
            return HTMLResponse(render(found, insight.wording, naming.aggregate_field))
        return JSONResponse(found)

    router.get(
        "/{subject_id}/export",
        response_model=answer,
        responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
        description="Insight: the subject's data, where it was sent and who read it "
        "(?format=html).",
    )(export_subject)
