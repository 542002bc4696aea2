"""Replay for auditors: ``GET /councils/{id}?as_of_version=N`` or ``?as_of=TIME`` shows
the council as the N-th event (the last event at that time) left it, from this service's
own event store."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import HTTPException, Query, Response

from services.councils.application import CouncilsApplication
from services.councils.entrypoints.schemas import StatePublic
from shared.auth import Principal, Role
from shared.http.bounds import MAX_SAFE_INT
from shared.replay import Replayer, utc_iso

AsOfVersion = Annotated[
    int | None,
    Query(ge=1, le=MAX_SAFE_INT, description="Replay (role auditor): the council at this version."),
]
AsOf = Annotated[
    datetime | None,
    Query(description="Replay (role auditor): the council as it stood at this ISO 8601 time."),
]


async def past_council(
    app: CouncilsApplication,
    council_id: UUID,
    user: Principal,
    as_of_version: int | None,
    as_of: datetime | None,
    response: Response,
) -> StatePublic:
    """The council as the resolved version's event left it; ``X-Recorded-At`` says when
    that event was recorded."""
    if not user.has_any(Role.AUDITOR):
        raise HTTPException(403, "replay needs the role: auditor")
    replayer = Replayer(app, "council")
    council = await asyncio.to_thread(replayer.aggregate, council_id, as_of_version, as_of)
    response.headers["ETag"] = f'"{council.version}"'
    response.headers["X-Recorded-At"] = utc_iso(council.modified_on)
    return StatePublic(**council.to_state())
