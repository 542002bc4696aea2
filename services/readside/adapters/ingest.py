"""Ingesting one delivered event: audit record, projections and positions in ONE
transaction, so a repeated delivery (same ``ce_id``) changes nothing at all."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.readside.adapters import audit
from services.readside.adapters.db import Database, Tx
from services.readside.adapters.projector import parse, project
from services.readside.adapters.tables import active_tables, ensure_schema, meta_set
from services.readside.domain.envelope import Envelope, utc_iso


class Ingestor:
    """Writes delivered events into the audit store and the active projections."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with db.write() as tx:
            ensure_schema(tx)

    def ingest(self, env: Envelope, data: dict[str, Any]) -> bool:
        """Record and project one event; False when it was already recorded."""
        event = parse(env.ce_type, data)  # malformed -> ValidationError -> dead letter
        with self.db.write() as tx:
            self._record_offset(tx, env)
            if audit.seen(tx, env.topic, env.ce_id):
                return False
            tables = active_tables(tx, share_lock=True)
            record = audit.append(tx, env, data, utc_iso(datetime.now(UTC)))
            project(tx, tables, env, event)
            meta_set(tx, tables.position_key, str(record["seq"]))
        return True

    @staticmethod
    def _record_offset(tx: Tx, env: Envelope) -> None:
        # Offsets are informational (lag, diagnostics): repeats are recognised by ce_id,
        # which survives a broker that restarted empty and reuses offsets.
        tx.execute(
            "INSERT INTO rs_offsets (topic, kafka_partition, kafka_offset) VALUES (?, ?, ?) "
            "ON CONFLICT (topic, kafka_partition) DO UPDATE SET kafka_offset = "
            "excluded.kafka_offset",
            (env.topic, env.partition, env.offset),
        )
