"""Replay for auditors: ``GET /<aggregates>/{id}?as_of_version=N`` or ``?as_of=TIME``
shows the aggregate as the N-th event (the last event at that time) left it, from the
service's own event store. A service declares the two query parameters with
:func:`as_of_version` and :func:`as_of_time` and answers :func:`replayed`'s aggregate in
its own response model."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from fastapi import HTTPException, Query, Response

from shared.auth import Principal, Role
from shared.http.bounds import MAX_SAFE_INT
from shared.replay import Replayer, utc_iso


def as_of_version(noun: str) -> Any:
    """The ``as_of_version`` query parameter (``Annotated[int | None, as_of_version("case")]``)."""
    return Query(
        ge=1, le=MAX_SAFE_INT, description=f"Replay (role auditor): the {noun} at this version."
    )


def as_of_time(noun: str) -> Any:
    """The ``as_of`` query parameter (``Annotated[datetime | None, as_of_time("case")]``)."""
    return Query(
        description=f"Replay (role auditor): the {noun} as it stood at this ISO 8601 time."
    )


async def replayed(
    app: Application[UUID],
    kind: str,
    aggregate_id: UUID,
    user: Principal,
    version: int | None,
    at: datetime | None,
    response: Response,
) -> Any:
    """The aggregate as the resolved version's event left it (role auditor, else 403); its
    version as the ``ETag``, and ``X-Recorded-At`` when that event was recorded."""
    if not user.has_any(Role.AUDITOR):
        raise HTTPException(403, "replay needs the role: auditor")
    past = await asyncio.to_thread(Replayer(app, kind).aggregate, aggregate_id, version, at)
    response.headers["ETag"] = f'"{past.version}"'
    response.headers["X-Recorded-At"] = utc_iso(past.modified_on)
    return past
