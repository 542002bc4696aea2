"""The CloudEvents id of a stored event, built and parsed in one place.

``<aggregate id>:<version>`` for events written before any restore (incarnation 0, the
ids every consumer has seen so far), ``<aggregate id>:<version>@<incarnation>`` for
events written after an event store was restored from a backup and marked restored
(``pkraft store restored``). An incarnation is the UTC time the restore was marked,
as the number ``YYYYMMDDHHMMSS``: it is never reused (a restore rolls the store's own
records back, so a counter kept there would be), and later incarnations sort after
earlier ones, so consumers that order by version compare ``(incarnation, version)``.
Old parsers that split on the last ``:`` still find the aggregate id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

_ID = re.compile(r"^(?P<aggregate>.+):(?P<version>\d+)(?:@(?P<incarnation>\d+))?$")


@dataclass(frozen=True, order=True)
class EventId:
    """The parts of a stored event's ce_id."""

    aggregate_id: str
    version: int
    incarnation: int = 0

    def __str__(self) -> str:
        return event_id(self.aggregate_id, self.version, self.incarnation)

    @property
    def position(self) -> tuple[int, int]:
        """Order of events of one aggregate across restores: (incarnation, version)."""
        return (self.incarnation, self.version)


def event_id(aggregate_id: object, version: int, incarnation: int = 0) -> str:
    """The deterministic ce_id of the event ``version`` of ``aggregate_id``."""
    base = f"{aggregate_id}:{int(version)}"
    return f"{base}@{int(incarnation)}" if incarnation else base


def parse_event_id(ce_id: str) -> EventId | None:
    """The parts of a ce_id built by :func:`event_id`; None for any other id."""
    match = _ID.match(ce_id)
    if match is None:
        return None
    return EventId(
        match.group("aggregate"), int(match.group("version")), int(match.group("incarnation") or 0)
    )


def new_incarnation(previous: int, now: datetime | None = None) -> int:
    """An incarnation number later than ``previous``: the time now, ``YYYYMMDDHHMMSS``."""
    stamp = int((now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d%H%M%S"))
    return max(stamp, previous + 1)
