"""Who signed up for a theme evening (role communications): the seated, then the waiting
list, with name and e-mail, so staff can see and cancel a sign-up without the
registration id from the confirmation mail. Read-only. Each read is written to the
service's access log (``shared.privacy.access``, table ``pkraft_access_log`` of r0005)
before it is answered: who, when, the route (why: staff seeing who signed up), the
evening and the registrants shown (``registrant:<evening>:<registration>``); 503
``access_log_unavailable`` when it cannot be, never served unlogged."""

# No ``from __future__ import annotations``: FastAPI must see the dependency objects.

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from services.communication.adapters.registrant_keys import subject_of
from services.communication.application.evening_signups import (
    EveningSignUps,
    SignUp,
    SignUpPage,
)
from services.communication.entrypoints.deps import Evenings, run
from shared.auth import Role
from shared.errors import NotFoundError
from shared.http.bounds import MAX_SAFE_INT
from shared.http.openapi import error_responses
from shared.http.security import require_roles
from shared.privacy.access import ReadRecorder, logged_page_read

router = APIRouter(prefix="/theme-evenings", tags=["theme evenings"])
LoggedRegistrantsRead = Annotated[
    ReadRecorder, Depends(logged_page_read(require_roles(Role.COMMUNICATIONS)))
]


async def _log_read(read: ReadRecorder, evening_id: str, registrations: list[str]) -> None:
    """One access-log row for the read, naming every registrant it shows (none: no row)."""
    if registrations:
        await read.write(evening_id, [subject_of(evening_id, r) for r in registrations])


class SignUpPublic(BaseModel):
    """A live sign-up; personal data the registrant gave for this evening."""

    registration_id: str
    status: str = Field(description="registered (has a seat) or waitlisted.")
    position: int = Field(description="1, 2, ... among the seated, or on the waiting list.")
    registered_at: str
    name: str | None = Field(description="Null once the registrant's data is erased.")
    email: str | None = Field(description="Null once the registrant's data is erased.")
    erased: bool = Field(description="The name and e-mail are forgotten (retention).")

    @classmethod
    def of(cls, s: SignUp) -> "SignUpPublic":
        return cls(
            registration_id=s.registration_id,
            status=s.status,
            position=s.position,
            registered_at=s.registered_at,
            name=s.name,
            email=s.email,
            erased=s.erased,
        )


class SignUpList(BaseModel):
    evening_id: str
    version: int = Field(description="The evening's version when read (its ETag).")
    items: list[SignUpPublic] = Field(
        description="The seated in arrival order, then the waiting list in the order "
        "they move up; cancelled sign-ups are not listed."
    )
    total: int = Field(description="Live sign-ups in all (seated + waiting).")
    seated: int
    waiting: int
    limit: int
    offset: int


def _sign_ups(evenings: Evenings) -> EveningSignUps:
    return EveningSignUps(evenings.app, evenings.follower.erasure)


@router.get("/{evening_id}/sign-ups", responses=error_responses(404))
async def list_sign_ups(
    evening_id: str,
    read: LoggedRegistrantsRead,
    evenings: Evenings,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_SAFE_INT),
) -> SignUpList:
    """Who signed up: the seated, then the waiting list, with name and e-mail; paged."""
    found: SignUpPage = await run(_sign_ups(evenings).page, evening_id, limit, offset)
    await _log_read(read, evening_id, [s.registration_id for s in found.items])
    return SignUpList(
        evening_id=evening_id,
        version=found.evening.version,
        items=[SignUpPublic.of(s) for s in found.items],
        total=found.total,
        seated=found.seated,
        waiting=found.waiting,
        limit=limit,
        offset=offset,
    )


@router.get("/{evening_id}/sign-ups/{registration_id}", responses=error_responses(404))
async def get_sign_up(
    evening_id: str, registration_id: str, read: LoggedRegistrantsRead, evenings: Evenings
) -> SignUpPublic:
    """One live sign-up (404 ``registration_not_found`` once cancelled)."""
    found = await run(_sign_ups(evenings).one, evening_id, registration_id)
    if found is None:
        raise NotFoundError("registration_not_found", "no live sign-up with that id")
    await _log_read(read, evening_id, [registration_id])
    return SignUpPublic.of(found)
