"""A transaction of :mod:`shared.sqldb`: statements (SQLAlchemy Core or ``?`` strings,
compiled by :mod:`shared.sqlcore`) on one driver connection (sqlite3 or psycopg)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from shared.sqlcore import Compiler, Params, Statement

Row = tuple[Any, ...]


SCHEMA_LOCK = 0x706B7266  # "pkrf": PostgreSQL advisory lock taken while making tables


class Tx:
    """An open transaction (or read snapshot)."""

    def __init__(self, conn: Any, compiler: Compiler, begin: bytes | None = None) -> None:
        self._conn = conn
        self._compile = compiler
        self.postgres = compiler.postgres
        # A snapshot on PostgreSQL: its BEGIN is sent with the first statement (one round
        # trip for both), not on its own.
        self._begin = begin

    @property
    def begun(self) -> bool:
        """Whether a statement ran (a snapshot's BEGIN went with the first one)."""
        return self._begin is None

    def _send_begin(self) -> None:
        begin, self._begin = self._begin, None
        if begin is not None:
            self._conn.execute(begin)

    def insert(self, table: Any) -> Any:
        """This dialect's INSERT of ``table``, for ``on_conflict_do_update`` (upserts)."""
        return self._compile.insert(table)

    def run(self, sql: Statement, params: Params = ()) -> int:
        """Execute a statement; returns how many rows it changed."""
        return int(self.execute(sql, params).rowcount)

    def lock_schema(self) -> None:
        """Hold the database's schema lock until this transaction ends (PostgreSQL; SQLite's
        write transaction is already exclusive): two processes of a service start together
        and ``CREATE TABLE IF NOT EXISTS`` is not safe against a concurrent twin there."""
        if self.postgres:
            self._send_begin()
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))

    def notify(self, channel: str) -> None:
        """Tell listeners, at commit, that something changed (PostgreSQL; no-op on SQLite)."""
        if self.postgres:
            self._send_begin()
            self._conn.execute(f'NOTIFY "{channel}"')

    def execute(self, sql: Statement, params: Params = ()) -> Any:
        """Run a statement; the driver's cursor (``params``: a sequence for a string, a
        mapping of ``bindparam`` values for a Core statement)."""
        if self._begin is not None:
            with self._conn.pipeline():
                self._send_begin()
                return self._conn.execute(*self._compile(sql, params))
        return self._conn.execute(*self._compile(sql, params))

    def executemany(self, sql: Statement, rows: Sequence[Any]) -> None:
        """Run a statement once per row (sequences for a string, mappings of column names
        for a Core statement, e.g. ``insert(table)``)."""
        if not rows:
            return
        text, sets = self._compile.many(sql, rows)
        if self.postgres:
            self._send_begin()
            with self._conn.cursor() as cur:
                cur.executemany(text, sets)
        else:
            self._conn.executemany(text, sets)

    def one(self, sql: Statement, params: Params = ()) -> Row | None:
        row = self.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def scalar(self, sql: Statement, params: Params = ()) -> Any:
        """The first column of the first row (None without a row)."""
        row = self.one(sql, params)
        return row[0] if row is not None else None

    def all(self, sql: Statement, params: Params = ()) -> list[Row]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def dicts(self, sql: Statement, params: Params = ()) -> list[dict[str, Any]]:
        return self.rows_as_dicts(self.execute(sql, params))

    @staticmethod
    def rows_as_dicts(cur: Any) -> list[dict[str, Any]]:
        """A cursor's rows as dicts by column name."""
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """Statements inside are sent without waiting for each answer (PostgreSQL pipeline
        mode): writes go out together, a read waits only for what was sent before it, and
        leaving the block waits for the rest (an error surfaces there at the latest).
        SQLite: no-op."""
        if not self.postgres:
            yield
            return
        with self._conn.pipeline():
            self._send_begin()
            yield

    def many_dicts(self, queries: Sequence[tuple[Statement, Params]]) -> list[list[dict[str, Any]]]:
        """Several reads at once: one round trip on PostgreSQL (pipeline mode)."""
        if not self.postgres:
            return [self.dicts(sql, params) for sql, params in queries]
        with self._conn.pipeline():
            self._send_begin()
            cursors = [self.execute(sql, params) for sql, params in queries]
        return [self.rows_as_dicts(cur) for cur in cursors]
