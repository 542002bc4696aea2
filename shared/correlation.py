"""The correlation id of the work in hand, carried from HTTP into events and Kafka headers."""

from __future__ import annotations

import uuid
from contextvars import ContextVar

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def current_or_new() -> str:
    """The current correlation id, or a fresh one."""
    return correlation_id.get() or uuid.uuid4().hex
