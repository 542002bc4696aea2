"""Who signed up for a theme evening (role communications): the seated and the waiting
list by name, 50 to a page, each with a button that cancels the sign-up after a
confirmation step; no registration id to type."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain import forms_communication as f
from services.console.domain.messages import FieldError
from services.console.domain.paging import paging
from services.console.entrypoints.form_flow import always, handle_form
from services.console.entrypoints.web import CurrentUser, PageRoute, PostedForm, Service, render

router = APIRouter(
    prefix="/kommunikation/temaaftener/{evening_id}/tilmeldte", tags=["theme evenings"],
    route_class=PageRoute,
)  # fmt: skip

PAGE_SIZE = 50


def _communications(user: User) -> None:
    if not user.has("communications"):
        raise HTTPException(403)


def _base(evening_id: str) -> str:
    return f"/kommunikation/temaaftener/{evening_id}/tilmeldte"


@router.get("", response_class=HTMLResponse)
async def sign_ups(
    request: Request, evening_id: str, user: CurrentUser, console: Service
) -> Response:
    """The evening's sign-ups: seated, then the waiting list, a page at a time."""
    _communications(user)
    query = {k: v for k, v in request.query_params.items() if k == "side"}
    asked = paging(query, PAGE_SIZE, 0)
    evening = await console.evening(user, evening_id)
    params = {"limit": str(PAGE_SIZE), "offset": str(asked.offset)}
    found = await console.sign_ups(user, evening_id, params)
    shown = paging(query, PAGE_SIZE, int(found["total"]))
    if shown.beyond_the_end and shown.total:
        return RedirectResponse(f"{_base(evening_id)}{shown.link(shown.pages)}", status_code=303)
    items = found["items"]
    return render(
        request, "sign_ups.html", f"Tilmeldte til {evening['title']}", evening=evening,
        found=found, paging=shown, flash=request.session.pop("flash", None),
        seated=[s for s in items if s["status"] == "registered"],
        waiting=[s for s in items if s["status"] == "waitlisted"],
    )  # fmt: skip


async def _confirm(
    request: Request, user: User, console: Service, evening_id: str, registration_id: str,
    errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    evening = await console.evening(user, evening_id)
    found = await console.sign_up(user, evening_id, registration_id)
    return render(
        request, "sign_up_cancel.html", "Afmeld tilmeldingen", status, errors,
        evening=evening, sign_up=found, back=_base(evening_id),
    )  # fmt: skip


@router.get("/{registration_id}/afmeld", response_class=HTMLResponse)
async def confirm_cancel(
    request: Request, evening_id: str, registration_id: str, user: CurrentUser, console: Service
) -> Response:
    """Ask before a sign-up is cancelled: who, which evening, what happens next."""
    _communications(user)
    return await _confirm(request, user, console, evening_id, registration_id)


@router.post("/{registration_id}/afmeld", response_class=HTMLResponse)
async def cancel(
    request: Request, evening_id: str, registration_id: str, user: CurrentUser,
    console: Service, form: PostedForm,
) -> Response:  # fmt: skip
    """Cancel the sign-up; the first on the waiting list gets the seat and is told."""
    _communications(user)

    async def send(body: dict[str, Any]) -> None:
        await console.cancel_registration(user, evening_id, registration_id)

    async def again(errors: list[FieldError], status: int) -> Response:
        return await _confirm(request, user, console, evening_id, registration_id, errors, status)

    return await handle_form(
        request, form, f.nothing, send, [], again,
        always("Tilmeldingen er afmeldt, og den pårørende får en bekræftelse. Rykker den "
               "første på ventelisten op, får vedkommende besked.", _base(evening_id)),
    )  # fmt: skip
