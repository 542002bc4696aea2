"""A small SQL layer over SQLite (default) and PostgreSQL (production), for services
whose state is tables rather than an event store (read models, outboxes).

A statement is a SQLAlchemy Core statement (``select``, ``insert``, ``update``,
``delete``; upserts through :meth:`Tx.insert`), compiled for the connection's dialect
and kept compiled (``shared.sqlcore``), or a string written once with ``?``
placeholders (PostgreSQL gets ``%s``). Writes run in
``BEGIN IMMEDIATE`` transactions on SQLite (one writer at a time, WAL readers never
block) and in ordinary transactions on PostgreSQL. Reads are snapshots: one deferred
transaction on SQLite (WAL keeps its view until it ends), ``REPEATABLE READ READ ONLY``
on PostgreSQL, so a reader that runs several statements sees one state of the database.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from shared.eventstore import StoreUrl
from shared.sqlcore import Compiler, Params, Statement
from shared.sqltx import SCHEMA_LOCK, SNAPSHOT_BEGIN, PreparedReads, Row, Tx

__all__ = ["MISSING_TABLE", "SCHEMA_LOCK", "Database", "Row", "Tx"]

# What a read of a table that is not (or no longer) there raises.
MISSING_TABLE: tuple[type[Exception], ...] = (
    psycopg.errors.UndefinedTable,
    sqlite3.OperationalError,
)


class Database:
    """Connections to the read-side database at ``url``."""

    def __init__(self, url: str | StoreUrl, pool_size: int = 8) -> None:
        self.url = url if isinstance(url, StoreUrl) else StoreUrl.parse(url)
        self.postgres = self.url.kind == "postgres"
        self.compiler = Compiler(self.postgres)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._pool: ConnectionPool[Any] | None = None
        self._prepared = PreparedReads()
        if self.postgres:  # the schema is the migrations' (shared.migrations), not made here
            self._pool = ConnectionPool(
                self.url.psycopg_conninfo(),
                min_size=1,
                max_size=pool_size,
                configure=self._configure,
                open=True,
            )
        else:
            Path(self.url.sqlite_path).parent.mkdir(parents=True, exist_ok=True)

    def channel(self, name: str) -> str:
        """A NOTIFY channel name for ``name``, private to this database schema."""
        return f"{name}_{self.url.schema or 'public'}"

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        if self.url.schema:
            conn.execute(f"SET search_path TO {self.url.schema}")
            conn.commit()

    def _sqlite(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.url.sqlite_path, timeout=30, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            self._opened.append(conn)
        return conn

    @contextmanager
    def _transaction(self, begin: str, snapshot: bool = False) -> Iterator[Tx]:
        if self._pool is not None:
            if snapshot:
                with self._snapshot() as tx:
                    yield tx
                return
            with self._pool.connection() as conn, conn.transaction():
                yield Tx(conn, self.compiler)
            return
        conn = self._sqlite()
        conn.execute(begin)
        try:
            yield Tx(conn, self.compiler)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[Tx]:
        """PostgreSQL's snapshot: BEGIN goes out with the first statement and COMMIT on
        its own (psycopg's own transaction would wait for the BEGIN first)."""
        assert self._pool is not None
        with self._pool.connection() as conn:
            conn.autocommit = True  # BEGIN and COMMIT are ours
            try:
                tx = Tx(conn, self.compiler, begin=SNAPSHOT_BEGIN)
                yield tx
                if tx.begun:
                    conn.execute(b"COMMIT")
            finally:
                self._release(conn)

    def read_batch(self, queries: Sequence[tuple[Statement, Params]]) -> list[list[dict[str, Any]]]:
        """Several reads in one snapshot, as rows of dicts: on PostgreSQL one round trip
        and one query message (BEGIN, the reads as ``EXECUTE``s of statements prepared
        on the connection, COMMIT; see :class:`shared.sqltx.PreparedReads`)."""
        if self._pool is None:
            with self.read() as tx:
                return [tx.dicts(sql, params) for sql, params in queries]
        compiled = [self.compiler(q, p) for q, p in queries]
        with self._pool.connection() as conn:
            conn.autocommit = True
            try:
                found = self._prepared.run(conn, compiled)
                if found is None:  # a statement PostgreSQL cannot prepare on its own
                    with conn.pipeline():
                        conn.execute(SNAPSHOT_BEGIN)
                        cursors = [conn.execute(text, values) for text, values in compiled]
                        conn.execute(b"COMMIT")
                    found = [Tx.rows_as_dicts(cur) for cur in cursors]
            finally:
                self._release(conn)
        return found

    @staticmethod
    def _release(conn: psycopg.Connection[Any]) -> None:
        """Back to the pool's state: idle, psycopg's transactions (a failed snapshot is
        rolled back; a broken connection closed, so the pool discards it)."""
        try:
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()
            conn.autocommit = False
        except psycopg.Error:
            conn.close()

    def write(self) -> Any:
        """A write transaction (serialised with every other writer on SQLite)."""
        return self._transaction("BEGIN IMMEDIATE")

    @contextmanager
    def pipelined_write(self) -> Iterator[Tx]:
        """A write transaction sent as one pipeline (PostgreSQL): BEGIN goes out with the
        first statements and COMMIT with the last, so the transaction waits for the
        server only at its reads (:meth:`Tx.many_dicts`) and once at the end, where an
        error of any statement (or of COMMIT) is raised and the transaction rolled back.
        SQLite: :meth:`write`."""
        if self._pool is None:
            with self.write() as tx:
                yield tx
            return
        with self._pool.connection() as conn:
            conn.autocommit = True  # BEGIN and COMMIT are ours
            try:
                with conn.pipeline() as pipeline:
                    conn.execute(b"BEGIN")
                    yield Tx(conn, self.compiler, pipeline=pipeline)
                    conn.execute(b"COMMIT")
            finally:
                self._release(conn)

    def read(self) -> Any:
        """A consistent, read-only snapshot: every statement in it sees the database as
        it was at the first one (PostgreSQL: REPEATABLE READ READ ONLY; SQLite: one
        deferred transaction in WAL mode)."""
        return self._transaction("BEGIN", snapshot=True)

    def transaction(self) -> Any:
        """A read-write transaction (same as :meth:`write`)."""
        return self.write()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        for conn in self._opened:
            conn.close()
        self._opened.clear()
        self._local = threading.local()
