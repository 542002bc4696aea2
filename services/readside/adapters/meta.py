"""``rs_meta``: the active generation and each generation's position in the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from services.readside.adapters.statements import insert_row
from services.readside.adapters.tables import Tables, create_projection_tables, generation_tables
from services.readside.adapters.tables import rs_meta as m
from shared.sqldb import Tx

ACTIVE = "active_generation"


def meta_get(tx: Tx, key: str, lock: bool = False) -> str | None:
    """The value at ``key`` (``lock``: held FOR UPDATE until the transaction ends, on
    PostgreSQL; SQLite's write transaction is exclusive already and ignores it)."""
    query = select(m.c.value).where(m.c.key == key)
    value = tx.scalar(query.with_for_update() if lock else query)
    return str(value) if value is not None else None


def meta_set(tx: Tx, key: str, value: str) -> None:
    insert_row(tx, m, {"key": key, "value": value}, on=("key",), update=("value",))


_ACTIVE = select(m.c.value).where(m.c.key == ACTIVE)
_ACTIVE_SHARED = _ACTIVE.with_for_update(read=True)


def active_query(share_lock: bool = False) -> Select[Any]:
    """The read of the active generation (share-locked: a rebuild's switch waits)."""
    return _ACTIVE_SHARED if share_lock else _ACTIVE


def active_from(value: Any) -> Tables:
    return generation_tables(int(str(value)) if value is not None else 1)


def active_tables(tx: Tx, share_lock: bool = False) -> Tables:
    """The generation the read API serves (share-locked so a switch waits for writers)."""
    return active_from(tx.scalar(active_query(share_lock)))


def ensure_schema(tx: Tx) -> Tables:
    """The active generation's projection tables (the durable ones are migrated first,
    ``adapters/schema.py``)."""
    tx.lock_schema()
    if meta_get(tx, ACTIVE) is None:
        meta_set(tx, ACTIVE, "1")
    return create_projection_tables(tx, active_tables(tx).generation)
