"""What the audit trail records about any event, whatever its topic or type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from shared.eventid import parse_event_id

_CE_TYPE = re.compile(r"^dk\.aarhus\.pkraft\.(?P<domain>[a-z_]+)\.(?P<name>[a-z_0-9]+)\.v\d+$")


def utc_iso(value: datetime | str | None) -> str:
    """One text form for every instant (UTC, microseconds), so text order is time order."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def short_type(ce_type: str) -> str:
    """``dk.aarhus.pkraft.cases.level_assessed.v1`` -> ``level_assessed``."""
    match = _CE_TYPE.match(ce_type)
    return match.group("name") if match else ce_type


def _version_of(ce_id: str, data: dict[str, Any]) -> int | None:
    # Event-sourced services' ce_ids are ``shared.eventid`` ids (deterministic).
    parsed = parse_event_id(ce_id)
    if parsed is not None:
        return parsed.version
    for key in ("case_version", "version"):
        if isinstance(data.get(key), int):
            return int(data[key])
    return None


def _aggregate_of(ce_id: str) -> str:
    parsed = parse_event_id(ce_id)
    return parsed.aggregate_id if parsed else ce_id.rpartition(":")[0]


@dataclass(frozen=True)
class Envelope:
    """The facts of one event every audit record holds."""

    topic: str
    partition: int
    offset: int
    ce_id: str
    ce_type: str
    source: str
    service: str
    aggregate_id: str
    aggregate_version: int | None
    case_id: str | None
    tilbud_id: str | None
    occurred_at: str
    actor: str
    reason: str | None

    @property
    def type(self) -> str:
        return short_type(self.ce_type)


def envelope_of(
    *,
    topic: str,
    partition: int,
    offset: int,
    ce_id: str,
    ce_type: str,
    source: str,
    subject: str | None,
    time: datetime | None,
    data: dict[str, Any],
) -> Envelope:
    """The audit envelope of an inbound CloudEvent (generic over every topic)."""
    case_id = data.get("case_id")
    tilbud = data.get("tilbud_id")
    reason = data.get("reason")
    return Envelope(
        topic=topic,
        partition=partition,
        offset=offset,
        ce_id=ce_id,
        ce_type=ce_type,
        source=source,
        service=source.rstrip("/").rsplit("/", 1)[-1] or source,
        aggregate_id=subject or (str(case_id) if case_id else _aggregate_of(ce_id)),
        aggregate_version=_version_of(ce_id, data),
        case_id=str(case_id) if case_id else None,
        tilbud_id=str(tilbud) if tilbud else None,
        occurred_at=utc_iso(data.get("occurred_at") or time),
        actor=str(data.get("actor") or "unknown"),
        reason=str(reason) if isinstance(reason, str) else None,
    )
