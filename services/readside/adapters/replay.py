"""Auditors' replay: a case's state at a version or instant, from the cases service's
own event store (snapshots every N events keep a long case fast), and the difference
between two points."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from services.cases.application import CasesApplication
from services.cases.domain.case import CollaborationCase
from services.readside.domain.diff import diff
from services.readside.domain.envelope import utc_iso
from shared.errors import DomainError, NotFoundError

_VERSION = re.compile(r"^v?(\d+)$")


class CaseReplayer:
    """Reads past states of cases from the cases event store."""

    def __init__(self, app: CasesApplication) -> None:
        self.app = app

    def _events(self, case_id: UUID, **query: Any) -> list[Any]:
        return list(self.app.repository.event_store.get(case_id, **query))

    def latest_version(self, case_id: UUID) -> int:
        last = self._events(case_id, desc=True, limit=1)
        if not last:
            raise NotFoundError("case_not_found", "no case with that id in the cases event store")
        return int(last[0].originator_version)

    def version_at(self, case_id: UUID, instant: datetime) -> int:
        """The last version recorded at or before ``instant`` (binary search, O(log n))."""
        low, high = 1, self.latest_version(case_id)
        if self._events(case_id, gt=0, lte=1)[0].timestamp > instant:
            raise DomainError(
                "before_case_opened", "the case did not exist at that time", as_of=utc_iso(instant)
            )
        while low < high:
            middle = (low + high + 1) // 2
            if self._events(case_id, gt=middle - 1, lte=middle)[0].timestamp <= instant:
                low = middle
            else:
                high = middle - 1
        return low

    def resolve(self, case_id: UUID, as_of: str | None) -> int:
        """``as_of``: a version (``12`` or ``v12``), an ISO 8601 instant, or None (latest)."""
        if as_of is None or as_of == "latest":
            return self.latest_version(case_id)
        match = _VERSION.match(as_of.strip())
        if match:
            version = int(match.group(1))
            latest = self.latest_version(case_id)
            if not 1 <= version <= latest:
                raise DomainError(
                    "version_out_of_range",
                    "the case has no such version",
                    version=version,
                    latest_version=latest,
                )
            return version
        try:
            instant = datetime.fromisoformat(as_of.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise DomainError(
                "invalid_as_of", "as_of must be a version or an ISO 8601 time", as_of=as_of
            ) from exc
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return self.version_at(case_id, instant)

    def state(self, case_id: UUID, as_of: str | None) -> dict[str, Any]:
        """The case as it stood at ``as_of`` (its overdue flags judged at that moment)."""
        version = self.resolve(case_id, as_of)
        case: CollaborationCase = self.app.repository.get(case_id, version=version)
        return {
            "case_id": str(case_id),
            "as_of": as_of or "latest",
            "version": version,
            "recorded_at": utc_iso(case.modified_on),
            "state": case.to_state(case.modified_on),
        }

    def compare(self, case_id: UUID, as_of: str | None, compare_to: str | None) -> dict[str, Any]:
        """Both states and every difference from ``as_of`` to ``compare_to``."""
        before, after = self.state(case_id, as_of), self.state(case_id, compare_to)
        return {"from": before, "to": after, "changes": diff(before["state"], after["state"])}
