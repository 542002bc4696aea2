"""Marking an event store restored from a backup, so that nothing is skipped after it.

After a restore to an earlier point, new events take the versions (and notification
ids) of events that were lost with the restore but that consumers saw. Marking the
store restored starts a new incarnation (their ce_ids differ, ``shared.eventid``) and
moves each relay that is ahead of the store back to its end: it had published all of
it, so nothing is published twice and nothing is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.relay.positions import PositionStore
from shared.relay.source import NotificationSource


@dataclass(frozen=True)
class Restored:
    """What marking a store restored did."""

    incarnation: int
    first_notification: int
    relays_moved_back: dict[str, tuple[int, int]]  # relay -> (old, new position)


def mark_restored(
    source: NotificationSource, positions: PositionStore, relays: list[str]
) -> Restored:
    """Start a new incarnation after the store's last event (run with the service's
    writers and relays stopped, before they start on the restored store)."""
    end = source.max_position()
    before = {name: positions.get(name) for name in relays}
    incarnation = positions.mark_restored(end)
    moved = {
        name: (old, positions.get(name))
        for name, old in before.items()
        if positions.get(name) != old
    }
    return Restored(incarnation, end + 1, moved)
