"""What a subscriber's handler may raise, and how a failure is described in a dead letter."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import psycopg
from pydantic import ValidationError

# Failures of the infrastructure rather than of the message: waited out, never parked.
TRANSIENT: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    psycopg.OperationalError,
    sqlite3.OperationalError,
)


@dataclass(frozen=True)
class Delivery:
    """Where a message came from."""

    topic: str
    partition: int
    offset: int


class Rejected(Exception):
    """A message that can never be processed: parked at once with ``reason``.

    In a batch, ``delivery`` names the message (the others are handled without it). The
    text goes into the dead letter's ``dlq_error`` header: say what is wrong and where,
    never the data.
    """

    def __init__(self, text: str, *, reason: str, delivery: Delivery | None = None) -> None:
        super().__init__(text)
        self.reason, self.delivery = reason, delivery


class MalformedEvent(Rejected):
    """Raised by a handler for a message it can never process (reason ``malformed``)."""

    def __init__(
        self, text: str, *, reason: str = "malformed", delivery: Delivery | None = None
    ) -> None:
        super().__init__(text, reason=reason, delivery=delivery)


def reason_text(exc: BaseException) -> str:
    """The reason for a dead letter's ``dlq_error``, without the message's data.

    pydantic's own text repeats the input (``input_value=...``), which may be personal
    data; keep only where and which rule failed. Other exceptions may quote data too
    (a database error quotes the row), so only their type is kept.
    """
    if isinstance(exc, ValidationError):
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        parts = [f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['type']}" for e in errors]
        return f"{exc.title}: {'; '.join(parts)}"
    if isinstance(exc, Rejected):
        return str(exc)
    return type(exc).__name__
