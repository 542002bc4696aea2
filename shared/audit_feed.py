"""The owner's audit feed: every published event of a service's store in notification
order, in the wire form its relay publishes (the deterministic ``ce_id`` of
``shared.eventid``, the contract's type and payload), so an auditor's copy can be
compared with the owner's store through the owner's API, never its database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventsourcing.application import Application

from shared.eventid import event_id
from shared.eventstore import StoreUrl
from shared.relay.positions import read_incarnations


def wire_page(
    app: Application[Any],
    to_wire: Callable[[Any], Any],
    database_url: str,
    after: int,
    limit: int,
) -> dict[str, Any]:
    """Published events after notification ``after`` (at most ``limit`` notifications
    read); ``next_after`` continues the feed, ``more`` says whether it may go on."""
    incarnations = read_incarnations(StoreUrl.parse(database_url))
    notifications = app.recorder.select_notifications(start=after + 1, limit=limit)
    events: list[dict[str, Any]] = []
    for n in notifications:
        ce_id = event_id(n.originator_id, n.originator_version, incarnations.of(n.id))
        where = {
            "notification_id": n.id,
            "ce_id": ce_id,
            "aggregate_id": str(n.originator_id),
            "version": n.originator_version,
        }
        try:
            contract = to_wire(app.mapper.to_domain_event(n))
        except Exception as exc:  # a damaged stored event is a finding, not a crash
            # never the message: it may quote stored data
            events.append({**where, "ce_type": "", "data": {}, "unreadable": type(exc).__name__})
            continue
        if contract is not None:
            data = contract.model_dump(mode="json")
            events.append({**where, "ce_type": contract.ce_type(), "data": data})
    return {
        "events": events,
        "next_after": notifications[-1].id if notifications else after,
        "more": len(notifications) == limit,
    }
