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

from services.console.domain.messages import ApiProblem
from services.console.entrypoints.web import CurrentUser, PageRoute, Service, render

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
    return render(request, "councils.html", "Råd", councils=found, year=date.today().year)


@router.get("/pulje", response_class=HTMLResponse)
async def pool(request: Request, user: CurrentUser, console: Service, aar: str = "") -> Response:
    """The year's participant pool: amount, balance, applications and decisions."""
    _may_read(user)
    year = int(aar) if aar.isdigit() and len(aar) == 4 else date.today().year
    try:
        found: dict[str, Any] | None = await console.pool(user, year)
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        found = None  # no pool opened for that year
    return render(request, "pool.html", f"Deltagerpuljen {year}", pool=found, year=year)


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
    return render(request, "council.html", "Råd", council=found)
