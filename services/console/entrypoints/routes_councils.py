"""The councils (read first): every council with its seats and members, one council with
members and terms, elections (candidates, votes, the result with the draw) and
meetings, and the year's participant pool with the follow group's decisions."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain import forms, forms_communication
from services.console.domain.messages import ApiProblem, FieldError
from services.console.domain.paging import whole
from services.console.entrypoints.council_page import council_context
from services.console.entrypoints.form_flow import always, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    FormData,
    PageRoute,
    PostedForm,
    Service,
    render,
)

router = APIRouter(prefix="/raad", tags=["councils"], route_class=PageRoute)

READERS = ("council_admin", "leader", "auditor", "follow_group")


def _may_read(user: CurrentUser) -> None:
    if not user.has(*READERS):
        raise HTTPException(403)


@router.get("", response_class=HTMLResponse)
async def councils(request: Request, user: CurrentUser, console: Service) -> Response:
    """Every council with its seats, members, meetings and last election."""
    _may_read(user)
    found = await console.councils(user)
    return render(
        request, "councils.html", "Råd", councils=found, year=date.today().year,
        flash=request.session.pop("flash", None),
    )  # fmt: skip


@router.get("/pulje", response_class=HTMLResponse)
async def pool(request: Request, user: CurrentUser, console: Service, aar: str = "") -> Response:
    """The year's participant pool: amount, balance, applications and decisions."""
    _may_read(user)
    year = whole(aar, 4) if len(aar) == 4 else None
    year = year or date.today().year
    try:
        found: dict[str, Any] | None = await console.pool(user, year)
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        found = None  # no pool opened for that year
    return render(
        request, "pool.html", f"Deltagerpuljen {year}", pool=found, year=year,
        flash=request.session.pop("flash", None),
    )  # fmt: skip


DECIDERS = ("leader", "follow_group")
DECISION = ["decision", "amount", "reason"]


async def _application_page(
    request: Request, user: User, console: Service, year: int, application_id: str,
    form: FormData | None = None, errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    found = await console.pool(user, year)
    application = next(
        (a for a in found["applications"] if a["application_id"] == application_id), None
    )
    if application is None:
        raise HTTPException(404)
    return render(
        request, "pool_decision.html", "Afgør ansøgning", status, errors, pool=found,
        year=year, application=application, form=form or {},
    )  # fmt: skip


@router.get("/pulje/{year}/ansoegninger/{application_id}", response_class=HTMLResponse)
async def application_page(
    request: Request, year: int, application_id: str, user: CurrentUser, console: Service
) -> Response:
    """The follow group's decision on one application (leader or follow group)."""
    if not user.has(*DECIDERS):
        raise HTTPException(403)
    return await _application_page(request, user, console, year, application_id)


@router.post("/pulje/{year}/ansoegninger/{application_id}", response_class=HTMLResponse)
async def decide(
    request: Request, year: int, application_id: str, user: CurrentUser, console: Service,
    form: PostedForm,
) -> Response:  # fmt: skip
    """Grant or reject the application; the pool's version goes as If-Match."""
    if not user.has(*DECIDERS):
        raise HTTPException(403)

    async def again(errors: list[FieldError], status: int) -> Response:
        return await _application_page(
            request, user, console, year, application_id, form, errors, status
        )

    async def send(body: dict[str, Any]) -> None:
        await console.decide_application(user, year, application_id, forms.version(form), body)

    return await handle_form(
        request, form, forms_communication.pool_decision, send, DECISION, again,
        always("Afgørelsen er registreret.", f"/raad/pulje?aar={year}"),
    )  # fmt: skip


@router.get("/{council_id}", response_class=HTMLResponse)
async def council(
    request: Request, council_id: str, user: CurrentUser, console: Service
) -> Response:
    """One council: members and terms, elections with their results, meetings."""
    _may_read(user)
    try:
        council_id = str(uuid.UUID(council_id))
    except ValueError:
        raise HTTPException(404) from None
    found = await console.council(user, council_id)
    return render(
        request, "council.html", "Råd", form={}, flash=request.session.pop("flash", None),
        **await council_context(console, user, found),
    )  # fmt: skip
