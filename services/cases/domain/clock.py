"""The application's clock reading, handed to commands that record when something happened.

The domain never reads the system clock itself, so tests (and replays) control time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.cases.domain.validation import require_aware
from shared.errors import DomainError


@dataclass(frozen=True)
class Now:
    """The current time ``at`` and how far ahead of it a client's clock may run."""

    at: datetime
    skew: timedelta = timedelta(0)

    def __post_init__(self) -> None:
        if self.at.utcoffset() is None:
            raise ValueError("the clock reading must be timezone-aware")
        if self.skew < timedelta(0):
            raise ValueError("the allowed clock skew cannot be negative")

    def happened(self, value: object, field: str) -> datetime:
        """A timezone-aware time that is not in the future (beyond the allowed skew)."""
        when = require_aware(value, field)
        if when > self.at + self.skew:
            raise DomainError(
                "time_in_future",
                f"'{field}' lies in the future; it records something that has happened.",
                field=field,
                allowed_skew_seconds=int(self.skew.total_seconds()),
            )
        return when
