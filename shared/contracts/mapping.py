"""Mapping a service's internal events onto its wire contracts, written once: a service
keeps a table of mappers by event name (one per aggregate) and says which ids every event
of an aggregate carries; :func:`translate` adds those, ``occurred_at`` and ``actor``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from shared.contracts.base import WireEvent

Mapper = Callable[[Any, dict[str, Any]], WireEvent]
"""``mapper(event, common)``: the wire event, given the fields every event carries."""
Ids = Callable[[Any, dict[str, Any]], dict[str, Any]]
"""``ids(event, envelope)``: the aggregate's id fields of the wire event."""


def ids(name: str, **from_envelope: Any) -> Ids:
    """``<name>_id`` and ``<name>_version`` (the event's originator and its version), and
    each field of ``from_envelope`` from the event's envelope, else the event, else the
    default given (``ids("case", tilbud_id="")``)."""

    def of(event: Any, envelope: dict[str, Any]) -> dict[str, Any]:
        found = {
            field: envelope.get(field) or getattr(event, field, None) or default
            for field, default in from_envelope.items()
        }
        return {
            f"{name}_id": event.originator_id,
            f"{name}_version": event.originator_version,
            **found,
        }

    return of


def translate(event: Any, mappers: Mapping[str, Mapper], ids_of: Ids) -> WireEvent | None:
    """The wire event of an internal event by its class name (None: it stays internal)."""
    mapper = mappers.get(type(event).__name__)
    if mapper is None:
        return None
    envelope: dict[str, Any] = getattr(event, "envelope", {}) or {}
    common = {**ids_of(event, envelope), "occurred_at": event.timestamp, "actor": event.actor}
    return mapper(event, common)
