"""Communication: compose and send a newsletter and create a theme evening (role
communications; the evening's own page is in ``routes_evenings``), and a relative's
channel preferences (caseworker, leader; from the case page)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain import forms_communication as f
from services.console.domain.messages import FieldError
from services.console.domain.paging import page_of
from services.console.entrypoints.form_flow import Done, Rerender, always, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    FormData,
    PageRoute,
    PostedForm,
    Service,
    render,
)

router = APIRouter(tags=["communication"], route_class=PageRoute)

NEWSLETTER = ["tilbud_ids", "subject", "body"]
EVENING = ["title", "topic", "organiser", "organiser_name", "starts_on", "location", "capacity"]


def _communications(user: User) -> None:
    if not user.has("communications"):
        raise HTTPException(403)


async def _home(
    request: Request, user: User, console: Service, form: FormData | None = None,
    errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    newest_first = list(reversed(await console.newsletters(user)))
    sent, shown = page_of(newest_first, dict(request.query_params), 20)
    return render(
        request, "communication.html", "Kommunikation", status, errors, form=form or {},
        newsletters=sent, paging=shown, flash=request.session.pop("flash", None),
        tilbud_groups=await console.tilbud_choices(user),
    )  # fmt: skip


@router.get("/kommunikation", response_class=HTMLResponse)
async def home(request: Request, user: CurrentUser, console: Service) -> Response:
    """Newsletters sent so far; forms for a newsletter and a theme evening."""
    _communications(user)
    return await _home(request, user, console)


def _home_again(request: Request, user: User, console: Service, form: FormData) -> Rerender:
    async def again(errors: list[FieldError], status: int) -> Response:
        return await _home(request, user, console, form, errors, status)

    return again


@router.post("/kommunikation/nyhedsbrev", response_class=HTMLResponse)
async def send_newsletter(
    request: Request, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Send a newsletter to the consenting relatives of the chosen tilbud."""
    _communications(user)
    return await handle_form(
        request, form, f.newsletter, lambda body: console.send_newsletter(user, body),
        NEWSLETTER, _home_again(request, user, console, form),
        lambda count: Done(f"Nyhedsbrevet er sendt til {count} pårørende.", "/kommunikation"),
    )  # fmt: skip


@router.post("/kommunikation/temaaftener", response_class=HTMLResponse)
async def create_evening(
    request: Request, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Create a theme evening (announced separately)."""
    _communications(user)
    return await handle_form(
        request, form, f.theme_evening, lambda body: console.create_evening(user, body),
        EVENING, _home_again(request, user, console, form),
        lambda evening_id: Done("Temaaftenen er oprettet. Annoncér den, når den er klar.",
                                f"/kommunikation/temaaftener/{evening_id}"),
    )  # fmt: skip


PREFERENCES = "/sager/{case_id}/paarorende/{relative_id}/kanaler"


@router.get(PREFERENCES, response_class=HTMLResponse)
async def preferences(
    request: Request, case_id: str, relative_id: str, user: CurrentUser, console: Service
) -> Response:
    """A relative's preferred channel, opt-outs and interests."""
    current = await console.preferences(user, case_id, relative_id)
    form = {"preferred_channel": [current.get("preferred_channel") or ""],
            "opt_out_kinds": current.get("opt_out_kinds", []),
            "interests": current.get("interests", [])}  # fmt: skip
    case = await console.case(user, case_id)
    return render(request, "preferences.html", "Kanalvalg", case=case, relative_id=relative_id,
                  form=form)  # fmt: skip


@router.post(PREFERENCES, response_class=HTMLResponse)
async def set_preferences(
    request: Request, case_id: str, relative_id: str, user: CurrentUser, console: Service,
    form: PostedForm,
) -> Response:  # fmt: skip
    """Save the relative's channel preferences."""

    async def again(errors: list[FieldError], status: int) -> Response:
        case = await console.case(user, case_id)
        return render(request, "preferences.html", "Kanalvalg", status, errors, case=case,
                      relative_id=relative_id, form=form)  # fmt: skip

    return await handle_form(
        request, form, f.preferences,
        lambda body: console.set_preferences(user, case_id, relative_id, body),
        ["preferred_channel", "opt_out_kinds", "interests"], again,
        always("Kanalvalget er gemt.", f"/sager/{case_id}"),
    )  # fmt: skip
