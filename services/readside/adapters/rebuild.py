"""Rebuilding every projection from the audit log into new tables beside the live ones,
then switching the read API over in one transaction (it never stops answering).

The bulk of the log is projected into an in-memory SQLite scratch database with the
very same projection code, then bulk-copied into the new tables: per-event round trips
to PostgreSQL would make a rebuild many times slower than reading the log. Only the
tail that arrived meanwhile is projected in place, under the switch's lock.

The log is read chain by chain (``audit.next_rows``: each record chain in the order it
committed, merged by ``seq``), so a record that committed after a later ``seq`` had
been read is still projected, in the tail at the latest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, insert, select

from services.readside.adapters import audit
from services.readside.adapters.meta import active_tables, ensure_schema, meta_get, meta_set
from services.readside.adapters.projector import SharedRows, parse, project
from services.readside.adapters.tables import (
    Tables,
    create_projection_tables,
    create_scratch_tables,
    drop_projection_tables,
    generation_tables,
    rs_audit,
    rs_meta,
)
from shared.sqldb import Database, Tx

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RebuildResult:
    """What a rebuild did."""

    previous_generation: int
    generation: int
    events: int
    unparseable: int


def _project_rows(tx: Tx, t: Tables, rows: list[dict[str, Any]]) -> int:
    """Project audit rows into ``t`` and move its positions past them; returns how many
    could not be parsed."""
    bad = 0
    shared = SharedRows()
    for row in rows:
        env = audit.envelope_from_row(row)
        try:
            event = parse(env.ce_type, json.loads(row["data"]))
        except ValidationError:
            event, bad = None, bad + 1
        project(tx, t, env, event, shared)
    shared.flush(tx, t)
    for chain, length in sorted({r["chain"]: r["chain_seq"] for r in rows}.items()):
        meta_set(tx, t.position_key(chain), str(length))
    return bad


def _copy(scratch: Database, db: Database, t: Tables, batch: int = 5000) -> None:
    """Bulk-copy every projection table of ``t`` from the scratch database."""
    with scratch.read() as src, db.write() as dst:
        for table in t.all():
            cur = src.execute(select(table))
            names = [d[0] for d in cur.description]
            while rows := cur.fetchmany(batch):
                dst.executemany(insert(table), [dict(zip(names, r, strict=True)) for r in rows])


def rebuild(
    db: Database, batch_size: int = 2000, progress: Progress | None = None, keep_old: bool = False
) -> RebuildResult:
    """Build generation N+1 from the whole audit log, catch up, switch, drop N."""
    with db.write() as tx:
        old = ensure_schema(tx).generation
        target = generation_tables(old + 1)
        drop_projection_tables(tx, target.generation)
        create_projection_tables(tx, target.generation)
        total = int(tx.scalar(select(func.count()).select_from(rs_audit)))
    scratch = Database("sqlite:///:memory:")
    positions: dict[str, int] = {}
    events, bad = 0, 0
    try:
        with scratch.write() as stx:
            create_scratch_tables(stx)
            create_projection_tables(stx, target.generation)
        while True:
            with db.read() as tx:
                rows = audit.next_rows(tx, positions, batch_size)
            with scratch.write() as stx:
                bad += _project_rows(stx, target, rows)
            events += len(rows)
            if progress:
                progress(events, max(total, events))
            if len(rows) < batch_size:
                break
        _copy(scratch, db, target)
    finally:
        scratch.close()
    with db.write() as tx:
        meta_get(tx, "active_generation", lock=True)  # live writers wait for the switch
        while rows := audit.next_rows(tx, positions, batch_size):
            bad += _project_rows(tx, target, rows)
            events += len(rows)
        for chain, length in sorted(positions.items()):
            meta_set(tx, target.position_key(chain), str(length))
        meta_set(tx, "active_generation", str(target.generation))
    if progress:
        progress(events, events)
    if not keep_old:
        with db.write() as tx:
            drop_projection_tables(tx, old)
    return RebuildResult(old, target.generation, events, bad)


def projection_position(db: Database) -> tuple[int, int]:
    """(active generation, how many audit records it applied: the sum of its record
    chains' positions)."""
    with db.read() as tx:
        t = active_tables(tx)
        prefix = rs_meta.c.key.startswith(t.position_prefix, autoescape=True)
        values = tx.all(select(rs_meta.c.value).where(prefix))
        return t.generation, sum(int(v) for (v,) in values)
