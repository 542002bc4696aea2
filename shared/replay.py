"""Replay for the service that owns an aggregate: its state as of a version or an
instant, read from the service's own event store (snapshots keep a long one fast)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from shared.errors import DomainError, NotFoundError


def utc_iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Replayer:
    """Past states of one kind of aggregate (``kind`` names it in error codes)."""

    def __init__(self, app: Application[Any], kind: str) -> None:
        self.app = app
        self.kind = kind

    def _events(self, aggregate_id: UUID, **query: Any) -> list[Any]:
        return list(self.app.repository.event_store.get(aggregate_id, **query))

    def latest_version(self, aggregate_id: UUID) -> int:
        last = self._events(aggregate_id, desc=True, limit=1)
        if not last:
            raise NotFoundError(f"{self.kind}_not_found", f"no {self.kind} with that id")
        return int(last[0].originator_version)

    def version_at(self, aggregate_id: UUID, instant: datetime) -> int:
        """The last version recorded at or before ``instant`` (binary search, O(log n))."""
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        low, high = 1, self.latest_version(aggregate_id)
        if self._events(aggregate_id, gt=0, lte=1)[0].timestamp > instant:
            raise DomainError(
                f"before_{self.kind}_opened",
                f"the {self.kind} did not exist at that time",
                as_of=utc_iso(instant),
            )
        while low < high:
            middle = (low + high + 1) // 2
            if self._events(aggregate_id, gt=middle - 1, lte=middle)[0].timestamp <= instant:
                low = middle
            else:
                high = middle - 1
        return low

    def resolve(self, aggregate_id: UUID, as_of_version: int | None, as_of: datetime | None) -> int:
        """The version to show: ``as_of_version``, the last one at ``as_of``, or the latest."""
        if as_of_version is not None and as_of is not None:
            raise DomainError("as_of_conflict", "give either as_of_version or as_of, not both")
        latest = self.latest_version(aggregate_id)
        if as_of_version is not None:
            if not 1 <= as_of_version <= latest:
                raise DomainError(
                    "version_out_of_range",
                    f"the {self.kind} has no such version",
                    version=as_of_version,
                    latest_version=latest,
                )
            return as_of_version
        if as_of is not None:
            return self.version_at(aggregate_id, as_of)
        return latest

    def aggregate(
        self, aggregate_id: UUID, as_of_version: int | None, as_of: datetime | None
    ) -> Any:
        """The aggregate as the resolved version's event left it."""
        version = self.resolve(aggregate_id, as_of_version, as_of)
        return self.app.repository.get(aggregate_id, version=version)
