"""Source events verify compares against: each event-sourced service's published events
as its own API lists them (``GET /audit/events``: the wire form its relay publishes, with
the deterministic ce_id of ``shared.eventid``), never read from its database."""

from __future__ import annotations

from collections.abc import Iterator

from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.verify import SourceEvent


def owner_events(
    api: OwnerApi, token: str | None = None, page: int = 1000
) -> Iterator[SourceEvent]:
    """Every published event of the owner's store, in notification order."""
    after, more = 0, True
    while more:
        body = api.get("/audit/events", {"after": after, "limit": page}, token).json()
        for event in body["events"]:
            yield SourceEvent(
                ce_id=event["ce_id"],
                ce_type=event["ce_type"],
                data=event["data"],
                unreadable=event.get("unreadable"),
                notification_id=event.get("notification_id"),
            )
        after, more = int(body["next_after"]), bool(body["more"])
