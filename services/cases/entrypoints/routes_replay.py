"""Replay for auditors: ``GET /cases/{id}?as_of_version=N`` or ``?as_of=TIME`` shows the
case as the N-th event (the last event at that time) left it, from this service's own
event store. The read is access-logged like every read of a case (``access.py``)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import HTTPException, Query, Response

from services.cases.application import CasesApplication
from services.cases.entrypoints.responses import CasePublic
from shared.auth import Principal, Role
from shared.http.bounds import MAX_SAFE_INT
from shared.replay import Replayer, utc_iso

AsOfVersion = Annotated[
    int | None,
    Query(ge=1, le=MAX_SAFE_INT, description="Replay (role auditor): the case at this version."),
]
AsOf = Annotated[
    datetime | None,
    Query(description="Replay (role auditor): the case as it stood at this ISO 8601 time."),
]


async def past_case(
    app: CasesApplication,
    case_id: UUID,
    user: Principal,
    as_of_version: int | None,
    as_of: datetime | None,
    response: Response,
) -> CasePublic:
    """The case as the resolved version's event left it (its overdue flags judged then);
    ``X-Recorded-At`` says when that event was recorded."""
    if not user.has_any(Role.AUDITOR):
        raise HTTPException(403, "replay needs the role: auditor")
    case = await asyncio.to_thread(Replayer(app, "case").aggregate, case_id, as_of_version, as_of)
    response.headers["ETag"] = f'"{case.version}"'
    response.headers["X-Recorded-At"] = utc_iso(case.modified_on)
    return CasePublic.model_validate(case.to_state(case.modified_on))
