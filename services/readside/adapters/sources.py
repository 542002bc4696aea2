"""Source event stores verify compares against: each event-sourced service's
notification log, translated with that service's own wire mapping (what its relay
publishes, with the deterministic ce_id ``<aggregate id>:<version>``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from eventsourcing.application import Application

from services.cases.adapters.wire import to_wire as cases_to_wire
from services.councils.adapters.wire import to_wire as councils_to_wire
from services.readside.adapters.verify import SourceEvent


def store_events(
    app: Application[Any], to_wire: Callable[[Any], Any], page: int = 2000
) -> Iterator[SourceEvent]:
    """Every published event of an event store, in notification order."""
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=page)
        if not notifications:
            return
        for n in notifications:
            try:
                event = app.mapper.to_domain_event(n)
                contract = to_wire(event)
            except Exception as exc:  # a damaged stored event is a finding, not a crash
                yield SourceEvent(
                    ce_id=f"{n.originator_id}:{n.originator_version}",
                    ce_type="",
                    data={},
                    unreadable=type(exc).__name__,  # never the message: it may quote data
                )
                continue
            if contract is not None:
                yield SourceEvent(
                    ce_id=f"{event.originator_id}:{event.originator_version}",
                    ce_type=contract.ce_type(),
                    data=contract.model_dump(mode="json"),
                )
        start = notifications[-1].id + 1


def cases_events(app: Application[Any]) -> Iterator[SourceEvent]:
    return store_events(app, cases_to_wire)


def councils_events(app: Application[Any]) -> Iterator[SourceEvent]:
    return store_events(app, councils_to_wire)
