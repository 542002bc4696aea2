"""Erasure of data subjects (GDPR art. 17), for the privacy officer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from services.cases.adapters.erasure import SubjectEraser
from services.cases.domain.case_privacy import ErasureReason
from shared.auth import Principal, Role
from shared.http.security import require_roles

router = APIRouter(prefix="/privacy/subjects", tags=["privacy"])

PrivacyOfficer = Annotated[Principal, Depends(require_roles(Role.PRIVACY_OFFICER))]


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


@router.post("/{subject_id}/erase")
async def erase_subject(
    subject_id: str, body: ErasureRequest, user: PrivacyOfficer, eraser: Eraser
) -> SubjectStatus:
    """Erase a subject: destroy their data key and record SubjectErased on the case."""
    outcome = await eraser.erase(subject_id, body.reason.value, user.sub)
    return SubjectStatus.model_validate(outcome.as_dict())


@router.get("/{subject_id}")
async def subject_status(subject_id: str, user: PrivacyOfficer, eraser: Eraser) -> SubjectStatus:
    """Whether a subject (citizen:<case id> or relative:<case id>:<relative id>) is erased."""
    status: dict[str, Any] = await eraser.status(subject_id)
    return SubjectStatus.model_validate(status)
