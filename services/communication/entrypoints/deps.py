"""Dependencies of the communication API, as ``Annotated`` aliases."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Request

from services.communication.application.evenings import ThemeEvenings
from services.communication.application.staff import StaffActions
from services.communication.application.surveys import SurveyResults
from shared.auth import Principal, Role
from shared.errors import DomainError
from shared.http.security import require_roles

T = TypeVar("T")


def _staff(request: Request) -> StaffActions:
    staff: StaffActions = request.app.state.service.staff
    return staff


def _evenings(request: Request) -> ThemeEvenings:
    evenings: ThemeEvenings = request.app.state.service.evenings
    return evenings


def _surveys(request: Request) -> SurveyResults:
    surveys: SurveyResults = request.app.state.service.surveys
    return surveys


def _if_match(if_match: Annotated[str | None, Header()] = None) -> int | None:
    if if_match is None or if_match.strip() == "*":
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise DomainError("invalid_if_match", 'If-Match must be a version, e.g. "3"')
    return int(raw)


async def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a (blocking, database) application method off the event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


Staff = Annotated[StaffActions, Depends(_staff)]
Evenings = Annotated[ThemeEvenings, Depends(_evenings)]
Surveys = Annotated[SurveyResults, Depends(_surveys)]
ExpectedVersion = Annotated[int | None, Depends(_if_match)]
Communications = Annotated[Principal, Depends(require_roles(Role.COMMUNICATIONS))]
Registrar = Annotated[Principal, Depends(require_roles(Role.COMMUNICATIONS, Role.INTEGRATION))]
LogReader = Annotated[
    Principal,
    Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.AUDITOR, Role.COMMUNICATIONS)),
]
CaseStaff = Annotated[
    Principal, Depends(require_roles(Role.CASEWORKER, Role.LEADER, Role.INTEGRATION))
]
AnyStaff = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CASEWORKER, Role.LEADER, Role.COMMUNICATIONS, Role.AUDITOR, Role.INTEGRATION
        )
    ),
]
