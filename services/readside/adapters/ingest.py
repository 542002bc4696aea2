"""Ingesting delivered events: audit record, projections and positions in ONE
transaction, so a repeated delivery (same ``ce_id``) changes nothing at all.

A batch (what one broker fetch returned) is one transaction: under load the cost of a
commit is shared by many events, which keeps the projections fresh at high rates.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import bindparam, func, select

from services.readside.adapters import audit, project_cases, schema
from services.readside.adapters.meta import active_from, active_query
from services.readside.adapters.notified_versions import payloads
from services.readside.adapters.projector import SharedRows, parse, project
from services.readside.adapters.statements import insert_rows
from services.readside.adapters.tables import Tables, rs_meta
from services.readside.domain.envelope import Envelope, utc_iso
from shared.kafka import owners
from shared.kafka.errors import Rejected
from shared.sourcechain import CHECKPOINT_TYPE
from shared.sqldb import MISSING_TABLE, Database, Tx


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


_DEADLOCK, _ATTEMPTS = "40P01", 3  # PostgreSQL's deadlock_detected: the batch is retried
log = logging.getLogger(__name__)
INGESTED = "pkraft_readside"  # NOTIFY channel: new events are in the read models
_NOTIFY = select(func.pg_notify(bindparam("channel"), bindparam("payload")))


class Ingestor:
    """Writes delivered events into the audit store and the active projections."""

    def __init__(self, db: Database, *, upgrade: bool = True) -> None:
        """``upgrade`` False (outside dev mode): refuse a database whose schema is behind
        (``shared.migrations.SchemaBehind``) instead of migrating it."""
        self.db = db
        schema.prepare(db, upgrade=upgrade)
        # the generation last seen active: the batch reads its case versions with the
        # other reads (PostgreSQL), read again when another generation is active
        self._assumed: Tables | None = None

    def ingest(self, env: Envelope, data: dict[str, Any]) -> bool:
        """Record and project one event; False when it was already recorded."""
        return self.ingest_many([delivered(env, data)]) == 1

    def ingest_many(self, batch: Sequence[Delivered]) -> int:
        """Record and project a batch in one transaction; returns how many were new.

        On PostgreSQL the batch waits for the server twice, whatever its size: once for
        BEGIN, making sure the chain-head rows exist and the reads (active generation,
        chain heads, which events are repeats, the projected case versions), once for
        every write and COMMIT (``Database.pipelined_write``)."""
        if not batch:
            return 0
        for attempt in range(_ATTEMPTS):
            try:
                return self._ingest(batch)
            except MISSING_TABLE:  # the generation assumed is gone (a rebuild switched)
                if self._assumed is None or attempt == _ATTEMPTS - 1:
                    raise
                self._assumed = None
            except Exception as exc:  # a deadlock with another consumer: PostgreSQL chose us
                if getattr(exc, "sqlstate", None) != _DEADLOCK or attempt == _ATTEMPTS - 1:
                    raise
                log.warning(
                    "a batch of %d events was chosen as a deadlock victim; retrying (attempt %d)",
                    len(batch),
                    attempt + 2,
                )
        raise AssertionError("unreachable")

    def _ingest(self, batch: Sequence[Delivered]) -> int:
        with self.db.pipelined_write() as tx:
            assumed = self._assumed if tx.postgres else None
            tables, heads, seen, read = _read_state(tx, batch, assumed)
            self._assumed = tables
            recorded_at = utc_iso(datetime.now(UTC))
            fresh: list[tuple[Delivered, dict[str, Any]]] = []
            for item in batch:
                key = (item.env.topic, item.env.ce_id)
                if key not in seen:
                    seen.add(key)  # a repeat within the batch is one too
                    fresh.append((item, audit.link_record(heads, item.env, item.data, recorded_at)))
            if not fresh:
                return 0
            events = [d.event for d, _ in fresh]
            if read is None:
                versions = project_cases.case_versions(tx, tables, events)
            else:  # read with the batch's other reads: only the new events' cases
                versions = {c: read[c] for c in project_cases.case_ids(events)}
            audit.write_records(tx, [record for _, record in fresh], heads)
            shared = SharedRows()
            for item, _ in fresh:
                project(tx, tables, item.env, item.event, shared, versions)
            shared.flush(tx, tables)  # rows of several partitions: last, in one order
            positions = {r["chain"]: r["chain_seq"] for _, r in fresh}  # the last of each
            rows = [{"key": tables.position_key(c), "value": str(n)} for c, n in positions.items()]
            insert_rows(
                tx, rs_meta, sorted(rows, key=lambda r: r["key"]), on=("key",), update=("value",)
            )
            if tx.postgres:  # at commit, naming the versions now there (SQLite: polled)
                channel = self.db.channel(INGESTED)
                for payload in payloads(versions):
                    tx.execute(_NOTIFY, {"channel": channel, "payload": payload})
        return len(fresh)


def _read_state(
    tx: Tx, batch: Sequence[Delivered], assumed: Tables | None
) -> tuple[Tables, audit.Heads, set[tuple[str, str]], project_cases.Versions | None]:
    """The active generation (share-locked: a rebuild's switch waits), the chain heads the
    batch touches (locked, in sorted order), seq values for it and the events already
    recorded, in one round trip. The repeats are read after the heads of their
    partitions are held, so no other appender of those partitions is between. With
    ``assumed`` the projected versions of the batch's cases in that generation are read
    too (None when there were none to read or another generation is active)."""
    partitions, aggregates = audit.batch_chains(d.env for d in batch)
    audit.claim_heads(tx, partitions)
    queries = [
        (active_query(share_lock=True), {}),
        *audit.heads_queries(tx, [*partitions, *aggregates], len(batch)),
        *audit.seen_queries((d.env.topic, d.env.ce_id) for d in batch),
    ]
    ids = project_cases.case_ids(d.event for d in batch) if assumed else []
    if ids and assumed:
        queries.append(project_cases.versions_query(assumed, ids))
    results = tx.many_dicts(queries)
    generation = results[0]
    tables = active_from(generation[0]["value"] if generation else None)
    heads = audit.heads_from(results[1:3], len(batch), tx.postgres)
    if not ids:
        return tables, heads, audit.seen_from(results[3:]), None
    rows = [(r["case_id"], r["version"]) for r in results[-1]]
    read = project_cases.versions_from(ids, rows) if tables == assumed else None
    return tables, heads, audit.seen_from(results[3:-1]), read
