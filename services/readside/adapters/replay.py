"""Auditors' replay: a case's state at a version or instant, asked of the cases service
that owns it (``GET /cases/{id}?as_of_version=N`` / ``?as_of=TIME``, role auditor, logged
in its access log), and the difference between two points."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from services.readside.adapters.owner_api import OwnerApi
from services.readside.domain.diff import diff
from services.readside.domain.envelope import utc_iso
from shared.errors import DomainError

_VERSION = re.compile(r"^v?(\d+)$")


def _query(as_of: str | None) -> dict[str, Any]:
    """``as_of`` (``12``, ``v12``, an ISO 8601 instant, ``latest`` or None) as the owner's
    query: the latest is the state at this instant, judged when its last event was recorded."""
    if as_of is None or as_of.strip() == "latest":
        return {"as_of": datetime.now(UTC).isoformat()}
    match = _VERSION.match(as_of.strip())
    if match:
        version = int(match.group(1))
        if version < 1:
            raise DomainError("version_out_of_range", "the case has no such version", version=0)
        return {"as_of_version": version}
    try:
        instant = datetime.fromisoformat(as_of.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise DomainError(
            "invalid_as_of", "as_of must be a version or an ISO 8601 time", as_of=as_of
        ) from exc
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return {"as_of": instant.isoformat()}


class CaseReplayer:
    """Past states of cases, from the cases API (``token``: the caller's, else the read
    side's own service token)."""

    def __init__(self, cases: OwnerApi, token: str | None = None) -> None:
        self.cases = cases
        self.token = token

    def state(self, case_id: UUID, as_of: str | None) -> dict[str, Any]:
        """The case as it stood at ``as_of`` (its overdue flags judged at that moment)."""
        response = self.cases.get(f"/cases/{case_id}", _query(as_of), self.token)
        state: dict[str, Any] = response.json()
        return {
            "case_id": str(case_id),
            "as_of": as_of or "latest",
            "version": state["version"],
            "recorded_at": utc_iso(response.headers.get("X-Recorded-At")),
            "state": state,
        }

    def compare(self, case_id: UUID, as_of: str | None, compare_to: str | None) -> dict[str, Any]:
        """Both states and every difference from ``as_of`` to ``compare_to``."""
        before, after = self.state(case_id, as_of), self.state(case_id, compare_to)
        return {"from": before, "to": after, "changes": diff(before["state"], after["state"])}
