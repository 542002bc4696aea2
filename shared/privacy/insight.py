"""Insight (GDPR art. 15), the part every service's export shares: the values of one data
subject that the stored events hold (decrypted), where the events that named them were
sent (topic, subscribing services, event types), and who read their data (the access
log). The service gives what is its own: its declaration, its wire mapping, which
published events name the subject, and what it holds about them now."""

from __future__ import annotations

import copy
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from uuid import UUID

from pydantic import ValidationError

from shared.privacy.access_log import AccessLog
from shared.privacy.declaration import EventPrivacy, transform
from shared.privacy.insight_html import Wording
from shared.privacy.subjects import SubjectNaming, require_known_now

Names = Callable[[Any, Any], bool]
"""(stored event, its wire form or None when it could not be made) -> whether the
published event named the subject."""


def _written(value: Any) -> str:
    return value.isoformat() if isinstance(value, (datetime, date)) else str(value)


def plain(value: Any) -> Any:
    """``value`` as its JSON carries it: dates and times in ISO 8601, ids as text."""
    return json.loads(json.dumps(value, default=_written))


def stored_values(
    event: Any, spec: EventPrivacy | None, aggregate_id: str, subject_id: str
) -> dict[str, Any]:
    """The personal values of ``subject_id`` that ``event`` stored, by field path."""
    if spec is None:
        return {}
    state = copy.deepcopy({k: v for k, v in vars(event).items() if k != "envelope"})
    found: dict[str, Any] = {}
    for personal in spec.personal:
        if personal.subject(aggregate_id, state) != subject_id:
            continue

        def keep(value: Any, where: str) -> Any:
            found[where] = plain(value)
            return value

        transform(state, personal.path, keep)
    return found


@dataclass(frozen=True)
class Publication:
    """Where a service's events go: its topic and the services that subscribe to it."""

    topic: str
    subscribers: tuple[str, ...]


@dataclass(frozen=True)
class Sources:
    """What the export asks of the service."""

    spec_of: Callable[[Any], EventPrivacy | None]
    """A stored event's declaration."""
    to_wire: Callable[[Any], Any]
    """A stored event's published form (None: it stays internal)."""
    publication: Publication


class _Sent:
    def __init__(self, topic: str) -> None:
        self.topic = topic
        self.found: dict[str, dict[str, Any]] = {}

    def count(self, ce_type: str, event: Any, fields: set[str]) -> None:
        item = self.found.setdefault(
            ce_type, {"event_type": ce_type, "topic": self.topic, "count": 0, "fields": set()}
        )
        item["count"] += 1
        item["last_at"] = event.timestamp.isoformat()
        item.setdefault("first_at", item["last_at"])
        item["fields"] |= fields

    def see(self, event: Any, to_wire: Callable[[Any], Any], names: Names) -> None:
        try:
            wire = to_wire(event)
        except ValidationError:  # an erased value the contract requires: it was sent
            if names(event, None):  # before the erasure, under its internal name
                self.count(f"({type(event).__name__})", event, set())
            return
        if wire is not None and names(event, wire):
            self.count(wire.ce_type(), event, set(wire.model_dump(exclude_none=True)))

    def as_list(self) -> list[dict[str, Any]]:
        return [{**v, "fields": sorted(v["fields"])} for _, v in sorted(self.found.items())]


def export(
    sources: Sources,
    *,
    subject_id: str,
    aggregate_id: str,
    events: Iterable[Any],
    names: Names,
    log: AccessLog,
) -> dict[str, Any]:
    """``recorded``, ``sent_to`` and ``read_by`` of the subject's export."""
    recorded: list[dict[str, Any]] = []
    sent = _Sent(sources.publication.topic)
    for event in events:
        values = stored_values(event, sources.spec_of(event), aggregate_id, subject_id)
        if values:
            recorded.append(
                {
                    "version": event.originator_version,
                    "type": type(event).__name__,
                    "recorded_at": event.timestamp.isoformat(),
                    "actor": getattr(event, "actor", "system"),
                    "values": values,
                }
            )
        sent.see(event, sources.to_wire, names)
    return {
        "recorded": recorded,
        "sent_to": {
            "topic": sources.publication.topic,
            "subscribers": list(sources.publication.subscribers),
            "event_types": sent.as_list(),
        },
        "read_by": [e.as_dict() for e in log.for_subject(subject_id)],
    }


class SubjectInsight(ABC):
    """Builds the export of one subject (API and CLI share it). A service subclasses it
    with what is its own: its naming, sources and words, the aggregate that holds the
    subject's data, which published events named them, and what it holds about them now."""

    naming: ClassVar[SubjectNaming]
    sources: ClassVar[Sources]
    wording: ClassVar[Wording]

    def __init__(self, app: Any, log: AccessLog) -> None:
        self.app = app
        self.log = log

    def export(self, subject_id: str, now: datetime | None = None) -> dict[str, Any]:
        """Everything stored about the subject, where it was sent and who read it."""
        aggregate = self.naming.aggregate_of(subject_id)
        require_known_now(self.app.keys, subject_id)
        aggregate_id = UUID(aggregate)  # a subject with a key names a real aggregate
        now = now or datetime.now(UTC)
        holder = self.holder(aggregate_id)
        found = export(
            self.sources,
            subject_id=subject_id,
            aggregate_id=str(aggregate_id),
            events=self.app.repository.event_store.get(aggregate_id),
            names=self.names(subject_id),
            log=self.log,
        )
        return {
            "subject_id": subject_id,
            "kind": subject_id.partition(":")[0],
            self.naming.aggregate_field: str(aggregate_id),
            "generated_at": now.isoformat(),
            "erased": self.erased(holder, subject_id),
            "current": self.current(holder, subject_id, now),
            **found,
        }

    def holder(self, aggregate_id: UUID) -> Any:
        """The aggregate that holds the subject's data, as it is now."""
        return self.app.repository.get(aggregate_id)

    @abstractmethod
    def names(self, subject_id: str) -> Names:
        """Which published events named the subject."""

    @abstractmethod
    def erased(self, holder: Any, subject_id: str) -> dict[str, Any] | None:
        """``{"erased": true, "erased_at": ...}`` once the subject was erased."""

    @abstractmethod
    def current(self, holder: Any, subject_id: str, now: datetime) -> dict[str, Any]:
        """What the service holds about the subject now (decrypted)."""
