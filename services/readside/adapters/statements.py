"""The statements projections run for every event, built once per table and shape with
``bindparam``s and run with the event's values: building a Core statement and working
out its cache key costs more than running it on SQLite, so the per-event path does
neither (``shared.sqlcore`` finds a statement it has run before by identity)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, Table, Update, bindparam, select, update

from shared.sqlcore import dialect_insert
from shared.sqldb import Row, Tx


@cache
def _insert(
    postgres: bool, table: Table, conflict: tuple[str, ...], changes: tuple[str, ...]
) -> Any:
    insert = dialect_insert(postgres, table)
    if not conflict:
        return insert
    if not changes:
        return insert.on_conflict_do_nothing(index_elements=list(conflict))
    excluded = insert.excluded
    return insert.on_conflict_do_update(
        index_elements=list(conflict), set_={c: excluded[c] for c in changes}
    )


def insert_row(
    tx: Tx, table: Table, row: dict[str, Any], on: Sequence[str] = (), update: Sequence[str] = ()
) -> int:
    """Insert ``row``; with ``on`` (the key) a row already there is kept (``update``
    empty) or gets the new values of the ``update`` columns."""
    return tx.run(_insert(tx.postgres, table, tuple(on), tuple(update)), row)


@cache
def _update(table: Table, key: tuple[str, ...], columns: tuple[str, ...]) -> Update:
    where = [table.c[k] == bindparam(f"key_{k}") for k in key]
    return update(table).where(*where).values({c: bindparam(c) for c in columns})


def insert_rows(
    tx: Tx,
    table: Table,
    rows: Sequence[dict[str, Any]],
    on: Sequence[str] = (),
    update: Sequence[str] = (),
) -> None:
    """:func:`insert_row` for each of ``rows`` (one executemany; every row with the same
    keys)."""
    tx.executemany(_insert(tx.postgres, table, tuple(on), tuple(update)), rows)


def update_row(tx: Tx, table: Table, key: dict[str, Any], **values: Any) -> int:
    """Set ``values`` in the row(s) at ``key`` (column -> value)."""
    params = {f"key_{k}": v for k, v in key.items()} | values
    return tx.run(_update(table, tuple(key), tuple(values)), params)


@cache
def _select(table: Table, key: tuple[str, ...], columns: tuple[str, ...]) -> Select[Any]:
    where = [table.c[k] == bindparam(f"key_{k}") for k in key]
    return select(*(table.c[c] for c in columns)).where(*where)


def select_row(tx: Tx, table: Table, columns: Sequence[str], **key: Any) -> Row | None:
    """The ``columns`` of the row at ``key`` (None: no such row)."""
    return tx.one(
        _select(table, tuple(key), tuple(columns)), {f"key_{k}": v for k, v in key.items()}
    )
