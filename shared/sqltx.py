"""A transaction of :mod:`shared.sqldb`: statements (SQLAlchemy Core or ``?`` strings,
compiled by :mod:`shared.sqlcore`) on one driver connection (sqlite3 or psycopg)."""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Sequence
from typing import Any

import psycopg

from shared.sqlcore import Compiler, Params, Statement, numbered

Row = tuple[Any, ...]


SNAPSHOT_BEGIN = b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
SCHEMA_LOCK = 0x706B7266  # "pkrf": PostgreSQL advisory lock taken while making tables


class Tx:
    """An open transaction (or read snapshot)."""

    def __init__(
        self, conn: Any, compiler: Compiler, begin: bytes | None = None, pipeline: Any = None
    ) -> None:
        self._conn = conn
        self._compile = compiler
        self.postgres = compiler.postgres
        # A snapshot on PostgreSQL: its BEGIN is sent with the first statement (one round
        # trip for both), not on its own.
        self._begin = begin
        # A pipelined write (``Database.pipelined_write``): statements go out without
        # waiting; ``many_dicts`` waits for what was sent up to its reads.
        self._pipeline = pipeline

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

    def many_dicts(self, queries: Sequence[tuple[Statement, Params]]) -> list[list[dict[str, Any]]]:
        """Several reads at once: one round trip on PostgreSQL (pipeline mode). In a
        pipelined write the wait takes every statement sent before them too."""
        if not self.postgres:
            return [self.dicts(sql, params) for sql, params in queries]
        if self._pipeline is not None:
            cursors = [self.execute(sql, params) for sql, params in queries]
            self._pipeline.sync()
            return [self.rows_as_dicts(cur) for cur in cursors]
        with self._conn.pipeline():
            self._send_begin()
            cursors = [self.execute(sql, params) for sql, params in queries]
        return [self.rows_as_dicts(cur) for cur in cursors]


PREPARED_PER_CONNECTION = 500  # then DEALLOCATE ALL (generations come and go)


class PreparedReads:
    """A batch of reads in one snapshot as one simple-protocol message on PostgreSQL:
    ``BEGIN ...; EXECUTE s1(...); EXECUTE s2(...); COMMIT``, each statement prepared
    once per connection (``PREPARE``, with ``$n``; the values go as literals quoted by
    psycopg). psycopg's pipeline sends, flushes and reads back each statement on its
    own, in Python, which was most of the read API's CPU per case detail; here the
    batch is one send and one read of the answers, and the server reuses the plans."""

    def __init__(self) -> None:
        self._forms: dict[str, tuple[str, str, tuple[str | int, ...]] | None] = {}
        self._names = itertools.count(1)
        self._on: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
        self._columns: dict[str, list[str]] = {}  # by statement name
        self._lock = threading.Lock()

    def _form(self, text: str) -> tuple[str, str, tuple[str | int, ...]] | None:
        if text not in self._forms:
            if len(self._forms) >= PREPARED_PER_CONNECTION:  # IN lists: a text per size
                self._forms.clear()
                self._columns.clear()
            sql, slots = numbered(text)
            self._forms[text] = (f"pkraft_read_{next(self._names)}", sql, slots)
        return self._forms[text]

    def run(
        self, conn: psycopg.Connection[Any], compiled: Sequence[tuple[str, Any]]
    ) -> list[list[dict[str, Any]]] | None:
        """The rows of each read (``compiled``: text and values from the compiler), in
        one snapshot; None when a statement cannot be prepared (read them otherwise).
        ``conn`` is in autocommit; a failed read raises (the snapshot left failed)."""
        forms = [self._form(text) for text, _ in compiled]
        with self._lock:
            ready = self._on.setdefault(conn, set())
        if len(ready) > PREPARED_PER_CONNECTION:
            conn.execute("DEALLOCATE ALL")
            ready.clear()
        parts: list[str] = [SNAPSHOT_BEGIN.decode()]
        values: list[Any] = []
        names: list[str] = []
        for form, (text, given) in zip(forms, compiled, strict=True):
            if form is None:
                return None
            name, sql, slots = form
            names.append(name)
            if name not in ready:
                try:
                    conn.execute(f"PREPARE {name} AS {sql}".encode())
                except psycopg.errors.IndeterminateDatatype:
                    self._forms[text] = None  # a parameter without a type of its own
                    return None
                ready.add(name)
            if slots:
                parts.append(f"EXECUTE {name}({', '.join(['%s'] * len(slots))})")
                values.extend(given[k] for k in slots)
            else:
                parts.append(f"EXECUTE {name}")
        parts.append("COMMIT")
        cur = psycopg.ClientCursor(conn)
        try:
            cur.execute("; ".join(parts), values)
        except psycopg.errors.InvalidSqlStatementName:  # the server forgot them
            ready.clear()
            conn.rollback()
            return None
        found = []
        for name in names:
            cur.nextset()
            columns = self._columns.get(name)
            if columns is None:  # a statement's columns are fixed: named once
                columns = self._columns[name] = [d[0] for d in cur.description or ()]
            found.append([dict(zip(columns, row, strict=True)) for row in cur.fetchall()])
        return found
