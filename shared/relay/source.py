"""Reading an eventsourcing application's notification log, and waiting for more."""

from __future__ import annotations

from typing import Any, Protocol

from eventsourcing.application import Application

from shared.eventstore import StoreUrl
from shared.notify import Waker, waker
from shared.relay.positions import Incarnations, PositionStore


class NotificationSource(Protocol):
    """An ordered log of stored events with positions."""

    def read(self, after: int, limit: int) -> list[tuple[int, Any]]: ...

    def max_position(self) -> int: ...


class ApplicationLog:
    """The notification log of an eventsourcing Application, decoded to domain events,
    each marked with the ``incarnation`` of the store that wrote it (its ce_id needs it).

    With ``sealed`` (the relay) personal values are not decrypted where the mapper can
    leave them sealed (``PersonalDataMapper.to_sealed_domain_event``): the wire carries
    ids and codes only, and decryption was most of a decode's cost."""

    def __init__(
        self,
        app: Application[Any],
        positions: PositionStore | None = None,
        *,
        sealed: bool = False,
    ) -> None:
        self._app = app
        self._positions = positions
        mapper: Any = app.mapper
        recorder: Any = app.recorder
        # The chained recorders read the log without the library's per-field dataclass
        # setattrs (shared.sourcechain.recorder); the same notifications.
        self._select = getattr(
            recorder,
            "notifications_after",
            lambda after, limit: recorder.select_notifications(start=after + 1, limit=limit),
        )
        self._decode = (
            getattr(mapper, "to_sealed_domain_event", mapper.to_domain_event)
            if sealed
            else mapper.to_domain_event
        )
        # Sealed, from the chained recorders' rows: no Notification made per event.
        rows = getattr(recorder, "event_rows_after", None)
        columns = getattr(mapper, "decode_sealed", None)
        self._rows: Any = (rows, columns) if sealed and rows and columns else None

    def read(self, after: int, limit: int) -> list[tuple[int, Any]]:
        if self._rows is not None:
            return self._read_rows(after, limit)
        notifications = self._select(after, limit)
        if not notifications:
            return []
        # Read per batch: a store marked restored while the relay runs is seen at once.
        incarnations = self._positions.incarnations() if self._positions else Incarnations()
        batch = []
        decode, of = self._decode, incarnations.of
        for n in notifications:
            event = decode(n)
            object.__setattr__(event, "incarnation", of(n.id))
            batch.append((n.id, event))
        return batch

    def _read_rows(self, after: int, limit: int) -> list[tuple[int, Any]]:
        select, decode = self._rows
        rows = select(after, limit)
        if not rows:
            return []
        incarnations = self._positions.incarnations() if self._positions else Incarnations()
        batch = []
        of = incarnations.of
        for nid, originator_id, version, topic, state in rows:
            event = decode(topic, originator_id, version, state)
            vars(event)["incarnation"] = of(nid)
            batch.append((nid, event))
        return batch

    def max_position(self) -> int:
        return self._app.recorder.max_notification_id() or 0


def waker_for(app: Application[Any], url: StoreUrl, poll_interval: float) -> Waker:
    """LISTEN on the channel the library NOTIFYs on PostgreSQL, polling on SQLite."""
    channel = getattr(app.recorder, "channel_name", None)
    return waker(url, str(channel) if channel else None, poll_interval)
