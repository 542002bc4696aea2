"""A relative's contact details and current consents, for whoever must reach them now.

Events carry ids and codes only; the communication service asks here, with its role
``communications``, at the moment it sends a message, so names and addresses are kept
in this service alone. An erased relative answers ``erased: true`` with every personal
field null, so the caller records why nothing went out.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from services.cases.domain.case_contact_person import contact_person
from services.cases.domain.case_privacy import erasure_marker, relative_subject
from services.cases.entrypoints.access import logged_read
from services.cases.entrypoints.deps import Commands
from shared.auth import Principal, Role
from shared.errors import NotFoundError
from shared.http.openapi import error_responses

router = APIRouter(prefix="/cases/{case_id}/relatives", tags=["relatives and consent"])

ContactReader = Annotated[
    Principal, Depends(logged_read(Role.COMMUNICATIONS, Role.LEADER, Role.CASEWORKER))
]


class RelativeContact(BaseModel):
    """How to reach a relative now; personal fields are null once the relative is erased."""

    case_id: str
    relative_id: str
    case_status: str = Field(description="open or closed.")
    name: str | None = Field(description="The relative's name (null when erased).")
    channels: dict[str, str | None] = Field(
        description="Contact channels by kind (email, phone, digital_post, letter)."
    )
    preferred_channel: str | None
    consents: list[str] = Field(description="Scopes the relative holds the citizen's consent for.")
    erased: bool = Field(description="True when the relative's personal data was erased.")
    erased_at: str | None = None
    contact_person_staff_id: str | None = Field(
        None, description="The case's named contact person for the relatives (staff id)."
    )
    contact_person_name: str | None = Field(
        None, description="Their name as the relatives are told it (null when none)."
    )


@router.get("/{relative_id}/contact", responses=error_responses(404))
async def relative_contact(
    case_id: UUID, relative_id: str, user: ContactReader, commands: Commands
) -> RelativeContact:
    """A relative's name, contact channels and current consents (for sending a message)."""
    case = await commands.get(case_id)
    relative = case.relatives.get(relative_id)
    if relative is None:
        raise NotFoundError(
            "relative_not_found", "No such relative on this case.", relative_id=relative_id
        )
    marker = erasure_marker(case, relative_subject(case.id, relative_id))
    staff = contact_person(case) or {}
    return RelativeContact(
        case_id=str(case.id),
        relative_id=relative_id,
        case_status=str(case.status),
        name=None if marker else relative.get("name"),
        channels={} if marker else dict(relative.get("channels") or {}),
        preferred_channel=None if marker else relative.get("preferred_channel"),
        consents=sorted(relative.get("consents") or {}),
        erased=marker is not None,
        erased_at=str(marker.get("erased_at")) if marker else None,
        contact_person_staff_id=staff.get("staff_id"),
        contact_person_name=staff.get("display_name"),
    )
