"""The programme's dashboards: the read side's figures as charts, each with a Danish
text alternative and its data in a table, for the municipality or one tilbud."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.domain.dashboard import FIGURES, figures
from services.console.entrypoints.web import CurrentUser, PageRoute, Service, render

router = APIRouter(prefix="/overblik", tags=["dashboards"], route_class=PageRoute)


@router.get("", response_class=HTMLResponse)
async def dashboard(
    request: Request, user: CurrentUser, console: Service, tilbud: str = ""
) -> Response:
    """The municipality's figures, or one tilbud's (``?tilbud=``)."""
    tilbud = tilbud.strip()
    found = await console.dashboard(user, tilbud or None)
    title = f"Overblik for {tilbud}" if tilbud else "Overblik for kommunen"
    return render(
        request, "dashboard.html", title, tilbud=tilbud, figures=figures(found),
        as_of=found.get("as_of"),
    )  # fmt: skip


@router.get("/diagrammer/{figure}.svg")
async def chart(figure: str, user: CurrentUser, console: Service, tilbud: str = "") -> Response:
    """One figure as the read side's SVG chart (the browser holds no API token)."""
    if figure not in FIGURES:
        raise HTTPException(404)
    body, media = await console.chart(user, tilbud.strip() or None, figure)
    return Response(body, media_type=media, headers={"Cache-Control": "no-store"})
