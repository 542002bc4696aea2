"""The organisation (reference data) and the dashboards rolled up per centre and department."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from services.readside.entrypoints.deps import DashboardReader, Organisation, Queries
from services.readside.entrypoints.routes_dashboards import Figure, SvgResponse, _chart
from shared.organisation import OrganisationDirectory

router = APIRouter(tags=["organisation"])


@router.get("/organisation")
async def organisation(user: DashboardReader, directory: Organisation) -> dict[str, Any]:
    """Departments, their citizen centres and tilbud, with heads and staff numbers."""
    return directory.tree()


async def _rollup(
    queries: Queries, directory: OrganisationDirectory, key: str, unit: str, ids: list[str]
) -> dict[str, Any]:
    figures = await queries.dashboard(tuple(ids))
    staff = [directory.staff(t) for t in ids]
    figures["scope"] = {key: unit, "tilbud_ids": ids}
    figures["staff"] = sum(s for s in staff if s is not None)
    return figures


@router.get("/dashboards/centres/{centre_id}")
async def centre(
    centre_id: str, user: DashboardReader, queries: Queries, directory: Organisation
) -> dict[str, Any]:
    """A citizen centre's figures: those of its tilbud rolled up."""
    ids = directory.tilbud_of_centre(centre_id)
    return await _rollup(queries, directory, "centre_id", centre_id, ids)


@router.get("/dashboards/centres/{centre_id}/charts/{figure}.svg", response_class=SvgResponse)
async def centre_chart(
    centre_id: str, figure: Figure, user: DashboardReader, queries: Queries, directory: Organisation
) -> Response:
    """One centre figure as an SVG chart."""
    ids = directory.tilbud_of_centre(centre_id)
    return _chart(figure, await _rollup(queries, directory, "centre_id", centre_id, ids))


@router.get("/dashboards/departments/{department_id}")
async def department(
    department_id: str, user: DashboardReader, queries: Queries, directory: Organisation
) -> dict[str, Any]:
    """A department's figures: those of all its centres' tilbud rolled up."""
    ids = directory.tilbud_of_department(department_id)
    return await _rollup(queries, directory, "department_id", department_id, ids)


@router.get(
    "/dashboards/departments/{department_id}/charts/{figure}.svg", response_class=SvgResponse
)
async def department_chart(
    department_id: str,
    figure: Figure,
    user: DashboardReader,
    queries: Queries,
    directory: Organisation,
) -> Response:
    """One department figure as an SVG chart."""
    ids = directory.tilbud_of_department(department_id)
    return _chart(figure, await _rollup(queries, directory, "department_id", department_id, ids))
