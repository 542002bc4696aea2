"""Communication: compose and send a newsletter, create and announce a theme evening and
follow its sign-ups (role communications), and a relative's channel preferences
(caseworker, leader; from the case page)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain import forms_communication as f
from services.console.domain.forms import Parsed
from services.console.domain.messages import ApiProblem, FieldError, problem_errors
from services.console.domain.paging import page_of
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
    )  # fmt: skip


@router.get("/kommunikation", response_class=HTMLResponse)
async def home(request: Request, user: CurrentUser, console: Service) -> Response:
    """Newsletters sent so far; forms for a newsletter and a theme evening."""
    _communications(user)
    return await _home(request, user, console)


def _errors(parsed: Parsed, problem: ApiProblem | None, fields: list[str]) -> list[FieldError]:
    if problem is not None:
        if problem.status >= 500 or problem.code == "unauthenticated":
            raise problem
        return problem_errors(problem, fields)
    return parsed.errors


@router.post("/kommunikation/nyhedsbrev", response_class=HTMLResponse)
async def send_newsletter(
    request: Request, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Send a newsletter to the consenting relatives of the chosen tilbud."""
    _communications(user)
    parsed = f.newsletter(form)
    if not parsed.errors:
        try:
            count = await console.send_newsletter(user, parsed.body)
        except ApiProblem as problem:
            errors = _errors(parsed, problem, NEWSLETTER)
            return await _home(request, user, console, form, errors, 422)
        request.session["flash"] = f"Nyhedsbrevet er sendt til {count} pårørende."
        return RedirectResponse("/kommunikation", status_code=303)
    return await _home(request, user, console, form, parsed.errors, 422)


@router.post("/kommunikation/temaaftener", response_class=HTMLResponse)
async def create_evening(
    request: Request, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Create a theme evening (announced separately)."""
    _communications(user)
    parsed = f.theme_evening(form)
    if not parsed.errors:
        try:
            evening_id = await console.create_evening(user, parsed.body)
        except ApiProblem as problem:
            errors = _errors(parsed, problem, EVENING)
            return await _home(request, user, console, form, errors, 422)
        request.session["flash"] = "Temaaftenen er oprettet. Annoncér den, når den er klar."
        return RedirectResponse(f"/kommunikation/temaaftener/{evening_id}", status_code=303)
    return await _home(request, user, console, form, parsed.errors, 422)


@router.get("/kommunikation/temaaftener/{evening_id}", response_class=HTMLResponse)
async def evening(
    request: Request, evening_id: str, user: CurrentUser, console: Service
) -> Response:
    """A theme evening: seats taken, the waiting list, and announcing it."""
    _communications(user)
    found = await console.evening(user, evening_id)
    return render(
        request, "evening.html", found["title"], evening=found,
        flash=request.session.pop("flash", None),
    )  # fmt: skip


@router.post("/kommunikation/temaaftener/{evening_id}/annoncer", response_class=HTMLResponse)
async def announce(
    request: Request, evening_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Announce the evening to the relatives who opted in to its topic."""
    _communications(user)
    raw = (form.get("version") or [""])[0]
    invited = await console.announce_evening(user, evening_id, int(raw) if raw.isdigit() else None)
    request.session["flash"] = f"Temaaftenen er annonceret til {invited} pårørende."
    return RedirectResponse(f"/kommunikation/temaaftener/{evening_id}", status_code=303)


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
    parsed = f.preferences(form)
    try:
        await console.set_preferences(user, case_id, relative_id, parsed.body)
    except ApiProblem as problem:
        errors = _errors(parsed, problem, ["preferred_channel", "opt_out_kinds", "interests"])
        case = await console.case(user, case_id)
        return render(request, "preferences.html", "Kanalvalg", 422, errors, case=case,
                      relative_id=relative_id, form=form)  # fmt: skip
    request.session["flash"] = "Kanalvalget er gemt."
    return RedirectResponse(f"/sager/{case_id}", status_code=303)
