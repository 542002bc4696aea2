"""The cases routes' access-log dependencies (``shared.privacy.access``): a route that
returns personal data opts in with one line, ``user: LoggedReader`` (or
``logged_read(...)`` with its own roles) in place of its role check. A case read shows
every subject of the case; a read of one relative (``{relative_id}`` in the path) only
theirs."""

# No ``from __future__ import annotations``: FastAPI must see the dependency objects.

import asyncio
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Request

from services.cases.adapters.case_subjects import case_subjects
from services.cases.domain.case_privacy import citizen_subject, relative_subject
from shared.auth import Principal, Role
from shared.http.security import require_roles
from shared.privacy import access
from shared.privacy.access import is_logged_read

__all__ = ["LoggedHistoryReader", "LoggedReader", "is_logged_read", "logged_read"]


async def _case_read(request: Request, case_id: UUID) -> tuple[str | None, list[str]]:
    relative_id = request.path_params.get("relative_id")
    if relative_id is not None:
        return str(case_id), [relative_subject(case_id, str(relative_id))]
    service = request.app.state.service
    found = await asyncio.to_thread(case_subjects, service.app.keys.db, str(case_id))
    if not found:  # a case stored before per-person keys, or none at all (404)
        await service.commands.get(case_id)
        found = [citizen_subject(case_id)]
    return str(case_id), found


def logged_read(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """The role check of a route that returns a case's personal data, logging the read."""
    return access.logged_read(require_roles(*roles), "case_id", UUID, _case_read)


LoggedReader = Annotated[
    Principal,
    Depends(logged_read(Role.CASEWORKER, Role.LEADER, Role.AUDITOR, Role.INTEGRATION)),
]
LoggedHistoryReader = Annotated[
    Principal, Depends(logged_read(Role.CASEWORKER, Role.LEADER, Role.AUDITOR))
]
