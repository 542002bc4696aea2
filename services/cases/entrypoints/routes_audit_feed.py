"""``GET /audit/events``: the cases store's published events for the read side's verify."""

from __future__ import annotations

from services.cases.adapters.wire import to_wire
from shared.http.audit_feed import audit_feed_router

router = audit_feed_router(to_wire)
