"""The access-log dependency of the councils API: a route that returns people's names
or free text (a council with its members, candidates, agendas and minutes, a member
list, an election, a pool's applications) opts in with ``user: LoggedCouncilReader``
(or ``LoggedPoolReader``). The read is written to the councils service's access log
(``shared.privacy.access_log``, the one the cases service keeps) before the route
answers; when it cannot be written the read is refused (503 ``access_log_unavailable``).
"""

# No ``from __future__ import annotations``: FastAPI must see the dependency objects.

import asyncio
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Request

from services.councils.domain.council import Council
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.entrypoints.deps import PoolYear
from shared.auth import Principal
from shared.correlation import correlation_id
from shared.errors import DomainError
from shared.http.security import CurrentUser
from shared.privacy.access_log import AccessEntry, AccessLog, AccessLogUnavailable

_logged_reads: set[Callable[..., Any]] = set()


class AccessLogDown(DomainError):
    """The access log cannot be written, so personal data is not served (HTTP 503)."""

    status = 503


def is_logged_read(call: Callable[..., Any]) -> bool:
    return call in _logged_reads


def access_log_of(request: Request) -> AccessLog:
    """The service's access log (opened on first use, in the store's own database)."""
    state = request.app.state
    log: AccessLog | None = getattr(state, "access_log", None)
    if log is None:
        db = state.service.app.keys.db
        if db is None:
            raise AccessLogDown("access_log_unavailable", "The access log has no database.")
        log = state.access_log = AccessLog(db)
    return log


def _aggregate_id(request: Request) -> UUID:
    params = request.path_params
    if "tilbud_id" in params:
        return Council.create_id(str(params["tilbud_id"]))
    if "year" in params:
        return ParticipantBudgetPool.create_id(int(params["year"]))
    return UUID(str(params["council_id"]))


def _read_subjects(request: Request, aggregate_id: UUID) -> list[str]:
    app = request.app.state.service.app
    if "year" in request.path_params:
        app.pool(int(request.path_params["year"]))  # 404: nothing shown, nothing logged
    else:
        app.council(aggregate_id)
    return list(app.subjects_of(aggregate_id))


async def _log(request: Request, user: Principal) -> None:
    council_id = _aggregate_id(request)
    subjects = await asyncio.to_thread(_read_subjects, request, council_id)
    route = request.scope.get("route")
    entry = AccessEntry(
        actor=user.sub,
        roles=sorted(user.roles),
        endpoint=f"{request.method} {getattr(route, 'path', request.url.path)}",
        case_id=str(council_id),
        subjects=subjects,
        correlation_id=correlation_id.get(),
    )
    try:
        log = await asyncio.to_thread(access_log_of, request)
        await asyncio.to_thread(log.append, entry)
    except AccessLogUnavailable as exc:
        raise AccessLogDown(
            "access_log_unavailable", "The read cannot be logged, so it is not served; retry."
        ) from exc


def _mark(logged: Callable[..., Any]) -> None:
    logged.answers_503 = True  # type: ignore[attr-defined]  # (declared in the OpenAPI)
    _logged_reads.add(logged)


def logged_council_read() -> Callable[..., Coroutine[Any, Any, Principal]]:
    """Any signed-in user may read a council; each read is logged, with every data
    subject of the council. The path's id is checked first (422 before anything)."""

    async def logged(request: Request, council_id: UUID, user: CurrentUser) -> Principal:
        await _log(request, user)
        return user

    _mark(logged)
    return logged


def logged_tilbud_read() -> Callable[..., Coroutine[Any, Any, Principal]]:
    """The same for the council of a tilbud (``/councils/by-tilbud/{tilbud_id}``)."""

    async def logged(request: Request, tilbud_id: str, user: CurrentUser) -> Principal:
        await _log(request, user)
        return user

    _mark(logged)
    return logged


def logged_pool_read() -> Callable[..., Coroutine[Any, Any, Principal]]:
    """The same for a pool (its applications' free text); the year is checked first."""

    async def logged(request: Request, year: PoolYear, user: CurrentUser) -> Principal:
        await _log(request, user)
        return user

    _mark(logged)
    return logged


LoggedCouncilReader = Annotated[Principal, Depends(logged_council_read())]
LoggedPoolReader = Annotated[Principal, Depends(logged_pool_read())]
LoggedTilbudReader = Annotated[Principal, Depends(logged_tilbud_read())]
