"""Rebuilding every projection from the audit log into new tables beside the live ones,
then switching the read API over in one transaction (it never stops answering)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from services.readside.adapters import audit
from services.readside.adapters.db import Database, Tx
from services.readside.adapters.projector import parse, project
from services.readside.adapters.tables import (
    Tables,
    active_tables,
    create_projection_tables,
    drop_projection_tables,
    ensure_schema,
    meta_get,
    meta_set,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RebuildResult:
    """What a rebuild did."""

    previous_generation: int
    generation: int
    events: int
    unparseable: int


def _apply_batch(tx: Tx, t: Tables, after: int, limit: int) -> tuple[int, int, int]:
    """Project the audit records after ``after``; (last seq, count, unparseable)."""
    rows = audit.rows_after(tx, after, limit)
    bad = 0
    for row in rows:
        env = audit.envelope_from_row(row)
        try:
            event = parse(env.ce_type, json.loads(row["data"]))
        except ValidationError:
            event, bad = None, bad + 1
        project(tx, t, env, event)
    last = rows[-1]["seq"] if rows else after
    if rows:
        meta_set(tx, t.position_key, str(last))
    return last, len(rows), bad


def rebuild(
    db: Database, batch_size: int = 2000, progress: Progress | None = None, keep_old: bool = False
) -> RebuildResult:
    """Build generation N+1 from the whole audit log, catch up, switch, drop N."""
    with db.write() as tx:
        old = ensure_schema(tx).generation
        new = old + 1
        drop_projection_tables(tx, new)
        target = create_projection_tables(tx, new)
        row = tx.one("SELECT COALESCE(MAX(seq), 0) FROM rs_audit")
        total = int(row[0]) if row else 0
    position, events, bad = 0, 0, 0
    while True:
        with db.write() as tx:
            position, n, b = _apply_batch(tx, target, position, batch_size)
        events, bad = events + n, bad + b
        if progress:
            progress(events, max(total, events))
        if n < batch_size:
            break
    with db.write() as tx:
        meta_get(tx, "active_generation", lock=True)  # live writers wait for the switch
        while True:
            position, n, b = _apply_batch(tx, target, position, batch_size)
            events, bad = events + n, bad + b
            if n == 0:
                break
        meta_set(tx, "active_generation", str(new))
    if progress:
        progress(events, events)
    if not keep_old:
        with db.write() as tx:
            drop_projection_tables(tx, old)
    return RebuildResult(old, new, events, bad)


def projection_position(db: Database) -> tuple[int, int]:
    """(active generation, last audit seq it applied)."""
    with db.read() as tx:
        t = active_tables(tx)
        return t.generation, int(meta_get(tx, t.position_key) or 0)
