"""The participant pool's forms, one to a page (``handle_form``): open the year's pool,
apply for a budget, pay out a grant, report what an activity cost. The follow group's
decision is in ``routes_councils``."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import Console, User
from services.console.domain.forms import version
from services.console.domain.forms_council_admin import AdminForm
from services.console.domain.forms_pool import APPLY, CHOOSE_COUNCIL, ON_APPLICATION, OPEN
from services.console.domain.labels import choices_of, label
from services.console.domain.messages import FieldError
from services.console.entrypoints.form_flow import always, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    FormData,
    PageRoute,
    PostedForm,
    Service,
    render,
    tilbud_of,
)

router = APIRouter(prefix="/raad/pulje/{year}", tags=["participant pool"], route_class=PageRoute)


def _allowed(user: User, *roles: str) -> None:
    if not user.has(*roles):
        raise HTTPException(403)


def _council_name(request: Request, council: dict[str, Any]) -> str:
    return f"{label('council_kind', council['kind'])} på {tilbud_of(request, council['tilbud_id'])}"


async def _page(
    request: Request, console: Console, user: User, year: int, spec: AdminForm, action: str,
    form: FormData, errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    pool = None if spec is OPEN else await console.pool(user, year)
    options: dict[str, list[tuple[str, str]]] = {}
    applying = ""
    if spec in (APPLY, CHOOSE_COUNCIL):
        councils = await console.councils(user)
        options["councils"] = [(c["council_id"], _council_name(request, c)) for c in councils]
    if spec is APPLY:  # the initiators are chosen among the council's relatives, by name
        council = await console.council(user, (form.get("council_id") or [""])[0])
        applying = _council_name(request, council)
        options["initiators"] = await console.electorate(user, council)
    return render(
        request, "council_form.html", spec.title, status, errors, spec=spec, form=form,
        back=f"/raad/pulje?aar={year}", back_text=f"Deltagerpuljen {year}", action=action,
        subtitle=f"Deltagerpuljen {year}", version=pool["version"] if pool else None,
        options_of=lambda group: options.get(group) or choices_of(group),
        method="get" if spec is CHOOSE_COUNCIL else "post", applying_council=applying,
    )  # fmt: skip


async def _submit(
    request: Request, console: Console, user: User, year: int, spec: AdminForm, action: str,
    form: FormData,
) -> Response:  # fmt: skip
    async def send(body: dict[str, Any]) -> None:
        if spec is OPEN:
            await console.open_pool(user, year, body)
        else:
            await console.pool_command(user, year, spec.api_path(form), version(form), body)

    async def again(errors: list[FieldError], status: int) -> Response:
        return await _page(request, console, user, year, spec, action, form, errors, status)

    return await handle_form(
        request, form, spec.parse, send, spec.names, again,
        always(spec.done, f"/raad/pulje?aar={year}"),
    )  # fmt: skip


@router.get("/aabn", response_class=HTMLResponse)
async def open_page(request: Request, year: int, user: CurrentUser, console: Service) -> Response:
    """The form that opens the year's pool (council admin or leader)."""
    _allowed(user, "council_admin", "leader")
    return await _page(request, console, user, year, OPEN, f"/raad/pulje/{year}/aabn", {})


@router.post("/aabn", response_class=HTMLResponse)
async def open_pool(
    request: Request, year: int, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Open the year's pool."""
    _allowed(user, "council_admin", "leader")
    return await _submit(request, console, user, year, OPEN, f"/raad/pulje/{year}/aabn", form)


@router.get("/ansoeg", response_class=HTMLResponse)
async def apply_page(request: Request, year: int, user: CurrentUser, console: Service) -> Response:
    """The form with which a council applies for a budget (council admin): first the
    council (``?raad=``), then the application with its relatives to choose from."""
    _allowed(user, "council_admin")
    action = f"/raad/pulje/{year}/ansoeg"
    chosen = _council_id(request.query_params.get("raad", ""))
    if chosen is None:
        return await _page(request, console, user, year, CHOOSE_COUNCIL, action, {})
    return await _page(request, console, user, year, APPLY, action, {"council_id": [chosen]})


def _council_id(raw: str) -> str | None:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


@router.post("/ansoeg", response_class=HTMLResponse)
async def apply(
    request: Request, year: int, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Apply for a budget; the follow group decides."""
    _allowed(user, "council_admin")
    return await _submit(request, console, user, year, APPLY, f"/raad/pulje/{year}/ansoeg", form)


def _on_application(user: User, slug: str) -> AdminForm:
    found = ON_APPLICATION.get(slug)
    if found is None:
        raise HTTPException(404)
    _allowed(user, *found[1])
    return found[0]


@router.get("/ansoegninger/{application_id}/{slug}", response_class=HTMLResponse)
async def application_form(
    request: Request, year: int, application_id: str, slug: str, user: CurrentUser,
    console: Service,
) -> Response:  # fmt: skip
    """Pay out a grant (leader, follow group) or report what it cost (council admin)."""
    spec = _on_application(user, slug)
    action = f"/raad/pulje/{year}/ansoegninger/{application_id}/{slug}"
    return await _page(request, console, user, year, spec, action, {})


@router.post("/ansoegninger/{application_id}/{slug}", response_class=HTMLResponse)
async def application_command(
    request: Request, year: int, application_id: str, slug: str, user: CurrentUser,
    console: Service, form: PostedForm,
) -> Response:  # fmt: skip
    """Send the payout or the spending with the pool's version."""
    spec = _on_application(user, slug)
    action = f"/raad/pulje/{year}/ansoegninger/{application_id}/{slug}"
    posted = {**form, "application_id": [application_id]}
    return await _submit(request, console, user, year, spec, action, posted)
