"""``GET /audit/events`` (role ``auditor``): a service's published events in the wire
form its relay publishes, paged by notification id (``shared.audit_feed``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from shared.audit_feed import wire_page
from shared.auth import Principal, Role
from shared.http.bounds import MAX_SAFE_INT
from shared.http.security import require_roles


class WireEvent(BaseModel):
    """One stored event as the relay publishes it."""

    notification_id: int
    ce_id: str
    aggregate_id: str
    version: int
    ce_type: str = Field(description="Empty when the stored event no longer deserialises.")
    data: dict[str, Any]
    unreadable: str | None = Field(
        None, description="Why the stored event no longer deserialises (an error type)."
    )


class WireEventsPage(BaseModel):
    """A page of the feed; pass ``next_after`` as ``after`` while ``more``."""

    events: list[WireEvent]
    next_after: int
    more: bool


Auditor = Annotated[Principal, Depends(require_roles(Role.AUDITOR))]


def audit_feed_router(to_wire: Callable[[Any], Any]) -> APIRouter:
    """The feed of the service in ``request.app.state.service`` (``app``, ``settings``)."""
    router = APIRouter(prefix="/audit", tags=["audit"])

    @router.get("/events")
    async def events(
        request: Request,
        user: Auditor,
        after: Annotated[
            int, Query(ge=0, le=MAX_SAFE_INT, description="The last notification id seen.")
        ] = 0,
        limit: Annotated[int, Query(ge=1, le=5000, description="Notifications per page.")] = 1000,
    ) -> WireEventsPage:
        """Published events after notification `after`, with ce_id, aggregate, version,
        wire type and wire payload: what the read side's `audit verify` compares."""
        service = request.app.state.service
        page = await asyncio.to_thread(
            wire_page, service.app, to_wire, service.settings.database_url, after, limit
        )
        return WireEventsPage.model_validate(page)

    return router
