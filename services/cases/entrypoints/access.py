"""The access-log dependency: a route that returns personal data opts in with one line,
``user: LoggedReader`` (or ``logged_read(...)`` with its own roles) in place of its role
check. The read is written to the access log before the route answers; when the log
cannot be written the read is refused (503 ``access_log_unavailable``), never served
unlogged.
"""

# No ``from __future__ import annotations``: the dependencies below name a local role
# check in ``Annotated[..., Depends(check)]``, which FastAPI must see as an object.

import asyncio
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Request

from services.cases.adapters.access_log import AccessEntry, AccessLog, AccessLogUnavailable
from services.cases.adapters.case_subjects import case_subjects
from services.cases.domain.case_privacy import citizen_subject, parse_subject, relative_subject
from shared.auth import Principal, Role
from shared.correlation import correlation_id
from shared.errors import DomainError, NotFoundError
from shared.http.security import require_roles

_logged_reads: set[Callable[..., Any]] = set()


class AccessLogDown(DomainError):
    """The access log cannot be written, so personal data is not served (HTTP 503)."""

    status = 503


def is_logged_read(call: Callable[..., Any]) -> bool:
    """Whether ``call`` is a dependency made by ``logged_read`` (the project test asks)."""
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


def _endpoint(request: Request) -> str:
    route = request.scope.get("route")
    return f"{request.method} {getattr(route, 'path', request.url.path)}"


async def _write(request: Request, user: Principal, case: str | None, subjects: list[str]) -> None:
    entry = AccessEntry(
        actor=user.sub,
        roles=sorted(user.roles),
        endpoint=_endpoint(request),
        case_id=case,
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


async def _subjects(request: Request, case_id: UUID) -> list[str]:
    relative_id = request.path_params.get("relative_id")
    if relative_id is not None:
        return [relative_subject(case_id, str(relative_id))]
    service = request.app.state.service
    found = await asyncio.to_thread(case_subjects, service.app.keys.db, str(case_id))
    if not found:  # a case stored before per-person keys, or none at all (404)
        await service.commands.get(case_id)
        found = [citizen_subject(case_id)]
    return found


def logged_read(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """The role check of a route that returns a case's personal data, logging the read
    (every subject of the case; only the relative named in the path, if one is)."""
    check = require_roles(*roles)

    async def logged(
        request: Request, case_id: UUID, user: Annotated[Principal, Depends(check)]
    ) -> Principal:
        await _write(request, user, str(case_id), await _subjects(request, case_id))
        return user

    logged.answers_503 = True  # type: ignore[attr-defined]  # (declared in the OpenAPI)
    _logged_reads.add(logged)
    return logged


def logged_subject_read(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """The same for a route about one data subject (``{subject_id}`` in its path)."""
    check = require_roles(*roles)

    async def logged(
        request: Request, subject_id: str, user: Annotated[Principal, Depends(check)]
    ) -> Principal:
        _, case_text, _ = parse_subject(subject_id)
        keys = request.app.state.service.app.keys
        if not await asyncio.to_thread(keys.exists, subject_id):
            raise NotFoundError("subject_not_found", "no data subject with that id")
        await _write(request, user, case_text, [subject_id])
        return user

    logged.answers_503 = True  # type: ignore[attr-defined]
    _logged_reads.add(logged)
    return logged


LoggedReader = Annotated[
    Principal,
    Depends(logged_read(Role.CASEWORKER, Role.LEADER, Role.AUDITOR, Role.INTEGRATION)),
]
LoggedHistoryReader = Annotated[
    Principal, Depends(logged_read(Role.CASEWORKER, Role.LEADER, Role.AUDITOR))
]
