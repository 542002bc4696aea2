"""Ingesting delivered events: audit record, projections and positions in ONE
transaction, so a repeated delivery (same ``ce_id``) changes nothing at all.

A batch (what one broker fetch returned) is one transaction: under load the cost of a
commit is shared by many events, which keeps the projections fresh at high rates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from services.readside.adapters import audit, schema
from services.readside.adapters.projector import CountKey, flush_counts, parse, project
from services.readside.adapters.tables import active_tables, meta_set
from services.readside.domain.envelope import Envelope, utc_iso
from shared.kafka import owners
from shared.kafka.errors import Rejected
from shared.sourcechain import CHECKPOINT_TYPE
from shared.sqldb import Database


@dataclass(frozen=True)
class Delivered:
    """One parsed delivery, ready to ingest."""

    env: Envelope
    data: dict[str, Any]
    event: BaseModel | None


def accept(env: Envelope) -> None:
    """Only what the topic's owner publishes enters the audit trail; the rest is parked
    (``Rejected``) with reason ``unknown_topic``, ``foreign_source`` or ``unknown_type``
    (the shared owner rule, ``shared.kafka.owners``, which every subscriber applies)."""
    owners.accept(env.topic, env.source, env.ce_type)
    if env.ce_type == CHECKPOINT_TYPE:
        raise Rejected("a checkpoint is no event of the audit trail", reason="unknown_type")


def delivered(env: Envelope, data: dict[str, Any]) -> Delivered:
    """Accept the event (``Rejected`` when foreign) and parse the payload with its contract
    (pydantic ValidationError when malformed)."""
    accept(env)
    return Delivered(env, data, parse(env.ce_type, data))


INGESTED = "pkraft_readside"  # NOTIFY channel: new events are in the read models


class Ingestor:
    """Writes delivered events into the audit store and the active projections."""

    def __init__(self, db: Database, *, upgrade: bool = True) -> None:
        """``upgrade`` False (outside dev mode): refuse a database whose schema is behind
        (``shared.migrations.SchemaBehind``) instead of migrating it."""
        self.db = db
        schema.prepare(db, upgrade=upgrade)

    def ingest(self, env: Envelope, data: dict[str, Any]) -> bool:
        """Record and project one event; False when it was already recorded."""
        return self.ingest_many([delivered(env, data)]) == 1

    def ingest_many(self, batch: Sequence[Delivered]) -> int:
        """Record and project a batch in one transaction; returns how many were new."""
        new = 0
        with self.db.write() as tx:
            tables = active_tables(tx, share_lock=True)
            counts: Counter[CountKey] = Counter()
            recorded_at = utc_iso(datetime.now(UTC))
            last = None
            for item in batch:
                if audit.seen(tx, item.env.topic, item.env.ce_id):
                    continue
                last = audit.append(tx, item.env, item.data, recorded_at)["seq"]
                project(tx, tables, item.env, item.event, counts)
                new += 1
            flush_counts(tx, tables, counts)
            if last is not None:
                meta_set(tx, tables.position_key, str(last))
                tx.notify(self.db.channel(INGESTED))
        return new
