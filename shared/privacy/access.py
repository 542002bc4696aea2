"""The access-log dependencies: a route that returns personal data opts in with one line,
a dependency made here in place of its role check. The read is written to the service's
access log (``access_log.py``) before the route answers; when the log cannot be written
the read is refused (503 ``access_log_unavailable``), never served unlogged.

A service says which path parameter names what was read and which data subjects that
shows (``SubjectsRead``); the logging, the refusal and the marks the OpenAPI and the
project's rule tests look for are the same everywhere.
"""

# No ``from __future__ import annotations``: the dependencies below name the role check
# in ``Annotated[..., Depends(check)]``, which FastAPI must see as an object.

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request

from shared.auth import Principal
from shared.correlation import correlation_id
from shared.errors import DomainError
from shared.privacy.access_log import AccessEntry, AccessLog, AccessLogUnavailable
from shared.privacy.subjects import SubjectNaming, require_known

SubjectsRead = Callable[[Request, Any], Awaitable[tuple[str | None, list[str]]]]
"""(request, the path parameter's value) -> (the aggregate read, its subjects shown);
raises the service's 404 for an unknown aggregate (nothing shown, nothing logged)."""

_logged_reads: set[Callable[..., Any]] = set()


class AccessLogDown(DomainError):
    """The access log cannot be written, so personal data is not served (HTTP 503)."""

    status = 503


def is_logged_read(call: Callable[..., Any]) -> bool:
    """Whether ``call`` is a dependency made here (the project's rule tests ask)."""
    return call in _logged_reads


def access_log_of(request: Request) -> AccessLog:
    """The service's access log (opened on first use, in the store's own database: its
    key store's, ``service.app.keys.db``, in cases and councils; the communication
    service, whose key rows live beside its SQL store, gives ``service.store.db``)."""
    state = request.app.state
    log: AccessLog | None = getattr(state, "access_log", None)
    if log is None:
        service = state.service
        keys = getattr(getattr(service, "app", None), "keys", None)
        db = keys.db if keys is not None else getattr(getattr(service, "store", None), "db", None)
        if db is None:
            raise AccessLogDown("access_log_unavailable", "The access log has no database.")
        log = state.access_log = AccessLog(db)
    return log


async def write_read(
    request: Request, user: Principal, aggregate: str | None, subjects: list[str]
) -> None:
    """Append the read to the log (503 ``access_log_unavailable`` when it cannot be)."""
    route = request.scope.get("route")
    entry = AccessEntry(
        actor=user.sub,
        roles=sorted(user.roles),
        endpoint=f"{request.method} {getattr(route, 'path', request.url.path)}",
        case_id=aggregate,
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


def logged_read(
    check: Callable[..., Any], param: str, annotation: Any, subjects: SubjectsRead
) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """The role check ``check`` of a route that returns personal data, logging the read.
    The path parameter ``param`` (of type ``annotation``, validated first: 422 before
    anything) names what is read; ``subjects`` says whose data that shows."""

    async def logged(request: Request, user: Principal, **path: Any) -> Principal:
        aggregate, shown = await subjects(request, path[param])
        await write_read(request, user, aggregate, shown)
        return user

    kind = inspect.Parameter.KEYWORD_ONLY
    logged.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", kind, annotation=Request),
            inspect.Parameter(param, kind, annotation=annotation),
            inspect.Parameter("user", kind, annotation=Annotated[Principal, Depends(check)]),
        ],
        return_annotation=Principal,
    )
    logged.answers_503 = True  # type: ignore[attr-defined]  # (declared in the OpenAPI)
    _logged_reads.add(logged)
    return logged


class ReadRecorder:
    """What a route gets from :func:`logged_page_read`: it writes the read (``write``)
    once it knows whose data it shows, before it answers."""

    def __init__(self, request: Request, user: Principal) -> None:
        self.request = request
        self.user = user

    async def write(self, aggregate: str | None, subjects: list[str]) -> None:
        """Log the read (503 ``access_log_unavailable`` when it cannot be)."""
        await write_read(self.request, self.user, aggregate, subjects)


def logged_page_read(
    check: Callable[..., Any],
) -> Callable[..., Coroutine[Any, Any, ReadRecorder]]:
    """The role check ``check`` of a route whose subjects are known only after it has
    read (a page of a list, its query validated first): the route calls ``write`` on
    what this gives with the subjects it shows, before it answers."""

    async def recorder(
        request: Request, user: Annotated[Principal, Depends(check)]
    ) -> ReadRecorder:
        return ReadRecorder(request, user)

    recorder.answers_503 = True  # type: ignore[attr-defined]  # (declared in the OpenAPI)
    _logged_reads.add(recorder)
    return recorder


def logged_subject_read(
    check: Callable[..., Any], naming: SubjectNaming
) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """The same for a route about one data subject (``{subject_id}`` in its path): 422
    for a malformed id, 404 for an unknown subject, else the read is logged."""

    async def subject(request: Request, subject_id: str) -> tuple[str | None, list[str]]:
        aggregate = naming.aggregate_of(subject_id)
        await require_known(request.app.state.service.app.keys, subject_id)
        return aggregate, [subject_id]

    return logged_read(check, "subject_id", str, subject)
