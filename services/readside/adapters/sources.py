"""Source event stores verify compares against: each event-sourced service's
notification log, translated with that service's own wire mapping (what its relay
publishes, with the deterministic ce_id of ``shared.eventid``, which names the store's
incarnation for events written after it was restored from a backup)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from eventsourcing.application import Application

from services.cases.adapters.wire import to_wire as cases_to_wire
from services.councils.adapters.wire import to_wire as councils_to_wire
from services.readside.adapters.verify import SourceEvent
from shared.eventid import event_id
from shared.eventstore import StoreUrl
from shared.relay.positions import Incarnations, read_incarnations


def store_events(
    app: Application[Any],
    to_wire: Callable[[Any], Any],
    database_url: str | None = None,
    page: int = 2000,
) -> Iterator[SourceEvent]:
    """Every published event of an event store, in notification order (the store's
    incarnations are read beside it at ``database_url``)."""
    incarnations = (
        read_incarnations(StoreUrl.parse(database_url)) if database_url else Incarnations()
    )
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
                    ce_id=event_id(n.originator_id, n.originator_version, incarnations.of(n.id)),
                    ce_type="",
                    data={},
                    unreadable=type(exc).__name__,  # never the message: it may quote data
                )
                continue
            if contract is not None:
                yield SourceEvent(
                    ce_id=event_id(
                        event.originator_id, event.originator_version, incarnations.of(n.id)
                    ),
                    ce_type=contract.ce_type(),
                    data=contract.model_dump(mode="json"),
                )
        start = notifications[-1].id + 1


def cases_events(app: Application[Any], database_url: str | None = None) -> Iterator[SourceEvent]:
    return store_events(app, cases_to_wire, database_url)


def councils_events(
    app: Application[Any], database_url: str | None = None
) -> Iterator[SourceEvent]:
    return store_events(app, councils_to_wire, database_url)
