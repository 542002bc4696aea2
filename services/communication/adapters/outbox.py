"""The outbox table as a notification log for the shared relay, and its wire mapping."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from services.communication.adapters.tables import outbox
from shared.contracts import communication as wire
from shared.kafka.cloudevents import OutboundRecord, encode
from shared.sqldb import Database

c = outbox.c


@dataclass(frozen=True)
class OutboxEntry:
    ce_id: str
    ce_type: str
    subject: str
    occurred_at: str
    data: dict[str, Any]


class OutboxSource:
    """``NotificationSource`` over ``comm_outbox`` (positions are the table's ids)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def read(self, after: int, limit: int) -> list[tuple[int, Any]]:
        with self._db.read() as tx:
            rows = tx.all(
                sa.select(c.position, c.ce_id, c.ce_type, c.subject, c.occurred_at, c.data)
                .where(c.position > after)
                .order_by(c.position)
                .limit(limit)
            )
        return [(int(r[0]), OutboxEntry(r[1], r[2], r[3], r[4], json.loads(r[5]))) for r in rows]

    def max_position(self) -> int:
        with self._db.read() as tx:
            found = tx.scalar(sa.select(sa.func.max(c.position)))
        return int(found) if found is not None else 0


def to_record(entry: OutboxEntry, topic: str) -> OutboundRecord | None:
    """A binary-mode CloudEvent keyed by message or evening id (ce_id is deterministic),
    correlated by that id."""
    model = wire.registry.model_for(entry.ce_type)
    return encode(
        topic=topic,
        ce_id=entry.ce_id,
        ce_type=entry.ce_type,
        source=wire.SOURCE,
        subject=entry.subject,
        time=datetime.fromisoformat(entry.occurred_at),
        data=entry.data,
        dataschema=model.dataschema() if model else None,
        # Every event on the topic carries ce_correlationid (docs/events/README.md): here
        # the message, evening, newsletter or survey round it belongs to, so one message's
        # queued/sent/failed events share it.
        extensions={"correlationid": entry.subject},
    )
