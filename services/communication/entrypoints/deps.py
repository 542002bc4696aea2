"""Dependencies of the communication API, as ``Annotated`` aliases (``ExpectedVersion``:
the If-Match version, ``shared.http.deps``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends

from services.communication.application.evenings import ThemeEvenings
from services.communication.application.staff import StaffActions
from services.communication.application.surveys import SurveyResults
from shared.auth import Principal, Role
from shared.http.deps import ExpectedVersion as ExpectedVersion  # the routes take it from here
from shared.http.deps import service_part
from shared.http.security import require_roles

T = TypeVar("T")


async def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a (blocking, database) application method off the event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


Staff = Annotated[StaffActions, Depends(service_part("staff", StaffActions))]
Evenings = Annotated[ThemeEvenings, Depends(service_part("evenings", ThemeEvenings))]
Surveys = Annotated[SurveyResults, Depends(service_part("surveys", SurveyResults))]
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
