"""Theme evenings: create, announce, register (with a waiting list), cancel."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response

from services.communication.entrypoints.deps import (
    AnyStaff,
    Communications,
    Evenings,
    ExpectedVersion,
    Registrar,
    run,
)
from services.communication.entrypoints.schemas import (
    RegistrationCreate,
    RegistrationPublic,
    ThemeEveningCreate,
    ThemeEveningList,
    ThemeEveningPublic,
)
from shared.http.bounds import MAX_SAFE_INT
from shared.http.openapi import ErrorBody

router = APIRouter(prefix="/theme-evenings", tags=["theme evenings"])


def _answer(public: ThemeEveningPublic, response: Response) -> ThemeEveningPublic:
    response.headers["ETag"] = f'"{public.version}"'
    return public


@router.post("", status_code=201)
async def create_evening(
    body: ThemeEveningCreate, user: Communications, evenings: Evenings, response: Response
) -> ThemeEveningPublic:
    """Plan a theme evening (organised by the municipality or a relatives' organisation)."""
    fields = body.model_dump(exclude={"evening_id"})
    fields["starts_at"] = body.starts_at.isoformat()
    evening = await run(
        evenings.create, user.sub, evening_id=body.evening_id or uuid.uuid4().hex, **fields
    )
    return _answer(ThemeEveningPublic.of(evening), response)


@router.get("")
async def list_evenings(
    user: AnyStaff,
    evenings: Evenings,
    include_past: bool = Query(False, description="Also evenings that began before now."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_SAFE_INT),
) -> ThemeEveningList:
    """The evenings by start, earliest first (past ones only if asked for), one page."""
    found, total = await run(evenings.page, include_past=include_past, limit=limit, offset=offset)
    return ThemeEveningList(items=[ThemeEveningPublic.of(e) for e in found], total=total)


@router.get("/{evening_id}")
async def get_evening(
    evening_id: str, user: AnyStaff, evenings: Evenings, response: Response
) -> ThemeEveningPublic:
    """The evening with seats taken and the length of the waiting list."""
    return _answer(ThemeEveningPublic.of(await run(evenings.get, evening_id)), response)


@router.post("/{evening_id}/announce")
async def announce_evening(
    evening_id: str,
    user: Communications,
    evenings: Evenings,
    version: ExpectedVersion,
    response: Response,
) -> ThemeEveningPublic:
    """Announce it to every consenting relative who opted in to its topic."""
    evening, invitations = await run(evenings.announce, evening_id, version, user.sub)
    return _answer(ThemeEveningPublic.of(evening, invitations), response)


@router.post("/{evening_id}/cancel")
async def cancel_evening(
    evening_id: str,
    user: Communications,
    evenings: Evenings,
    version: ExpectedVersion,
    response: Response,
) -> ThemeEveningPublic:
    """Cancel the evening; everyone registered or waiting is told."""
    evening = await run(evenings.cancel, evening_id, version, user.sub)
    return _answer(ThemeEveningPublic.of(evening), response)


SIGN_UP_REFUSED = (
    "No sign-up: the evening is not announced yet (`theme_evening_not_announced`), has "
    "begun (`theme_evening_held`) or is cancelled (`theme_evening_cancelled`), or the "
    "address is signed up already (`already_registered`)."
)


@router.post(
    "/{evening_id}/registrations",
    status_code=201,
    responses={409: {"model": ErrorBody, "description": SIGN_UP_REFUSED}},
)
async def register(
    evening_id: str, body: RegistrationCreate, user: Registrar, evenings: Evenings
) -> RegistrationPublic:
    """Register a relative: a seat while there is one, else the waiting list."""
    reg = await run(evenings.register, evening_id, body.name, body.email, user.sub)
    return RegistrationPublic.of(reg)


@router.delete("/{evening_id}/registrations/{registration_id}", status_code=204)
async def cancel_registration(
    evening_id: str, registration_id: str, user: Registrar, evenings: Evenings
) -> None:
    """Cancel a registration; the first on the waiting list gets the seat."""
    await run(evenings.cancel_registration, evening_id, registration_id, user.sub)
