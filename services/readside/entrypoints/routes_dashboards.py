"""Programme dashboards (JSON and SVG charts) and communication statistics."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from services.readside.adapters.charts import CHARTS
from services.readside.entrypoints.deps import (
    CommunicationReader,
    CouncilReader,
    DashboardReader,
    Queries,
)
from shared.errors import NotFoundError
from shared.http.fields import Ref
from shared.http.openapi import one_of

router = APIRouter(tags=["dashboards"])
Figure = Annotated[str, one_of(sorted(CHARTS))]


class SvgResponse(Response):
    """An SVG chart (declared as ``image/svg+xml`` in the OpenAPI)."""

    media_type = "image/svg+xml"


def _chart(figure: str, dashboard: dict[str, Any]) -> Response:
    render = CHARTS.get(figure)
    if render is None:
        raise NotFoundError("unknown_figure", "no such figure", figures=sorted(CHARTS))
    return SvgResponse(render(dashboard))


@router.get("/dashboards/municipality")
async def municipality(user: DashboardReader, queries: Queries) -> dict[str, Any]:
    """The municipality's figures for the programme's goals."""
    return await queries.dashboard(None)


@router.get("/dashboards/municipality/charts/{figure}.svg", response_class=SvgResponse)
async def municipality_chart(figure: Figure, user: DashboardReader, queries: Queries) -> Response:
    """One municipality figure as an SVG chart."""
    return _chart(figure, await queries.dashboard(None))


@router.get("/dashboards/tilbud/{tilbud_id}")
async def tilbud(tilbud_id: str, user: DashboardReader, queries: Queries) -> dict[str, Any]:
    """One tilbud's figures for the programme's goals."""
    return await queries.dashboard(tilbud_id)


@router.get("/dashboards/tilbud/{tilbud_id}/charts/{figure}.svg", response_class=SvgResponse)
async def tilbud_chart(
    tilbud_id: str, figure: Figure, user: DashboardReader, queries: Queries
) -> Response:
    """One tilbud figure as an SVG chart."""
    return _chart(figure, await queries.dashboard(tilbud_id))


@router.get("/councils")
async def councils(
    user: CouncilReader, queries: Queries, tilbud_id: Annotated[Ref | None, Query()] = None
) -> list[dict[str, Any]]:
    """Councils with their seats, members filling them, meetings and last election."""
    return await queries.councils(tilbud_id)


@router.get("/communication/stats")
async def communication(user: CommunicationReader, queries: Queries) -> dict[str, Any]:
    """Communication events per type and month, and message outcomes by channel."""
    return await queries.communication_stats()
