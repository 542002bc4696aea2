"""``GET /audit/events``: the councils store's published events for the read side's verify."""

from __future__ import annotations

from services.councils.adapters.wire import to_wire
from shared.http.audit_feed import audit_feed_router

router = audit_feed_router(to_wire)
