"""The councils routes' access-log dependencies (``shared.privacy.access``): a route that
returns people's names or free text (a council with its members, candidates, agendas
and minutes, a member list, an election, a pool's applications) opts in with ``user:
LoggedCouncilReader`` (or ``LoggedPoolReader``, ``LoggedTilbudReader``). Any signed-in
user may read; each read is logged with every data subject of the council (or pool)."""

# No ``from __future__ import annotations``: FastAPI must see the dependency objects.

import asyncio
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request

from services.councils.domain.council import Council
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.entrypoints.deps import PoolYear
from shared.auth import Principal
from shared.http.security import current_principal
from shared.privacy.access import is_logged_read, logged_read

__all__ = ["LoggedCouncilReader", "LoggedPoolReader", "LoggedTilbudReader", "is_logged_read"]


def _subjects(request: Request, aggregate_id: UUID, year: int | None) -> list[str]:
    app = request.app.state.service.app
    if year is not None:
        app.pool(year)  # 404: nothing shown, nothing logged
    else:
        app.council(aggregate_id)
    return list(app.subjects_of(aggregate_id))


async def _council(request: Request, council_id: UUID) -> tuple[str | None, list[str]]:
    return str(council_id), await asyncio.to_thread(_subjects, request, council_id, None)


async def _tilbud(request: Request, tilbud_id: str) -> tuple[str | None, list[str]]:
    return await _council(request, Council.create_id(tilbud_id))


async def _pool(request: Request, year: int) -> tuple[str | None, list[str]]:
    pool_id = ParticipantBudgetPool.create_id(year)
    return str(pool_id), await asyncio.to_thread(_subjects, request, pool_id, year)


LoggedCouncilReader = Annotated[
    Principal, Depends(logged_read(current_principal, "council_id", UUID, _council))
]
LoggedTilbudReader = Annotated[
    Principal, Depends(logged_read(current_principal, "tilbud_id", str, _tilbud))
]
LoggedPoolReader = Annotated[
    Principal, Depends(logged_read(current_principal, "year", PoolYear, _pool))
]
