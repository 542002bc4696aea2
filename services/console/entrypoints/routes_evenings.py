"""A theme evening's page (role communications): seats taken of capacity, the waiting
list, announcing it, signing a relative up or cancelling a sign-up, and cancelling the
evening. Every form goes through ``handle_form``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain import forms
from services.console.domain import forms_communication as f
from services.console.domain.messages import FieldError
from services.console.entrypoints.form_flow import Done, always, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    FormData,
    PageRoute,
    PostedForm,
    Service,
    render,
)

router = APIRouter(
    prefix="/kommunikation/temaaftener/{evening_id}", tags=["theme evenings"],
    route_class=PageRoute,
)  # fmt: skip

SIGNED_UP = {
    "registered": "Den pårørende er tilmeldt (tilmelding {id}).",
    "waitlisted": "Aftenen er fuld: den pårørende står på ventelisten (tilmelding {id}).",
}


def _communications(user: User) -> None:
    if not user.has("communications"):
        raise HTTPException(403)


async def _page(
    request: Request, user: User, console: Service, evening_id: str,
    form: FormData | None = None, errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    found = await console.evening(user, evening_id)
    return render(
        request, "evening.html", found["title"], status, errors, evening=found,
        form=form or {}, flash=request.session.pop("flash", None),
    )  # fmt: skip


def _again(request: Request, user: User, console: Service, evening_id: str, form: FormData) -> Any:
    async def again(errors: list[FieldError], status: int) -> Response:
        return await _page(request, user, console, evening_id, form, errors, status)

    return again


@router.get("", response_class=HTMLResponse)
async def evening(
    request: Request, evening_id: str, user: CurrentUser, console: Service
) -> Response:
    """A theme evening: seats taken, the waiting list, and its forms."""
    _communications(user)
    return await _page(request, user, console, evening_id)


@router.post("/annoncer", response_class=HTMLResponse)
async def announce(
    request: Request, evening_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Announce the evening to the relatives who opted in to its topic."""
    _communications(user)

    async def send(body: dict[str, Any]) -> int:
        return await console.announce_evening(user, evening_id, forms.version(form))

    return await handle_form(
        request, form, f.nothing, send, [], _again(request, user, console, evening_id, form),
        lambda invited: Done(f"Temaaftenen er annonceret til {invited} pårørende.",
                             f"/kommunikation/temaaftener/{evening_id}"),
    )  # fmt: skip


@router.post("/tilmeldinger", response_class=HTMLResponse)
async def sign_up(
    request: Request, evening_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Sign a relative up: a seat while there is one, else the waiting list."""
    _communications(user)

    def done(registration: dict[str, Any]) -> Done:
        said = SIGNED_UP.get(str(registration.get("status")), SIGNED_UP["registered"])
        message = said.format(id=registration.get("registration_id", ""))
        return Done(message, f"/kommunikation/temaaftener/{evening_id}")

    return await handle_form(
        request, form, f.registration,
        lambda body: console.register_for_evening(user, evening_id, body), ["name", "email"],
        _again(request, user, console, evening_id, form), done,
    )  # fmt: skip


@router.post("/afmeldinger", response_class=HTMLResponse)
async def cancel_sign_up(
    request: Request, evening_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Cancel a sign-up by its id; the first on the waiting list gets the seat."""
    _communications(user)

    async def send(body: dict[str, Any]) -> None:
        await console.cancel_registration(user, evening_id, body["registration_id"])

    return await handle_form(
        request, form, f.registration_id, send, ["registration_id"],
        _again(request, user, console, evening_id, form),
        always("Tilmeldingen er afmeldt.", f"/kommunikation/temaaftener/{evening_id}"),
    )  # fmt: skip


@router.post("/aflys", response_class=HTMLResponse)
async def cancel(
    request: Request, evening_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Cancel the evening; everyone signed up or waiting is told."""
    _communications(user)

    async def send(body: dict[str, Any]) -> None:
        await console.cancel_evening(user, evening_id, forms.version(form))

    return await handle_form(
        request, form, f.nothing, send, [], _again(request, user, console, evening_id, form),
        always("Temaaftenen er aflyst. De tilmeldte får besked.",
               f"/kommunikation/temaaftener/{evening_id}"),
    )  # fmt: skip
