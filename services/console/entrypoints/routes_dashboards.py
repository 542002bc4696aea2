"""The programme's dashboards: the read side's figures as charts, each with a Danish
text alternative and its data in a table, for the municipality, a department, a citizen
centre (rolled up by the read side) or one tilbud."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.domain.dashboard import FIGURES, figures
from services.console.domain.dashboard_scope import scope_from, title
from services.console.domain.messages import ApiProblem
from services.console.domain.organisation import tilbud_choices
from services.console.entrypoints.web import CurrentUser, PageRoute, Service, render

router = APIRouter(prefix="/overblik", tags=["dashboards"], route_class=PageRoute)


@router.get("", response_class=HTMLResponse)
async def dashboard(request: Request, user: CurrentUser, console: Service) -> Response:
    """The municipality's figures, or a department's (``?afdeling=``), a citizen centre's
    (``?center=``) or one tilbud's (``?tilbud=``)."""
    scope = scope_from(request.query_params)
    found = await console.dashboard(user, scope)
    try:
        organisation: dict[str, Any] = await console.organisation(user)
    except ApiProblem:  # the choice of unit is a courtesy: the figures show without it
        organisation = {}
    return render(
        request, "dashboard.html", title(scope, organisation), scope=scope,
        tilbud=scope.unit if scope.kind == "tilbud" else "", figures=figures(found),
        as_of=found.get("as_of"), organisation=organisation, staff=found.get("staff"),
        tilbud_groups=tilbud_choices(organisation),
    )  # fmt: skip


@router.get("/diagrammer/{figure}.svg")
async def chart(figure: str, request: Request, user: CurrentUser, console: Service) -> Response:
    """One figure as the read side's SVG chart (the browser holds no API token)."""
    if figure not in FIGURES:
        raise HTTPException(404)
    body, media = await console.chart(user, scope_from(request.query_params), figure)
    return Response(body, media_type=media, headers={"Cache-Control": "no-store"})
