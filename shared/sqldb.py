"""A small SQL layer over SQLite (default) and PostgreSQL (production), for services
whose state is tables rather than an event store (read models, outboxes).

SQL is written once with ``?`` placeholders; PostgreSQL gets ``%s``. Writes run in
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
from psycopg import IsolationLevel
from psycopg_pool import ConnectionPool

from shared.eventstore import StoreUrl

Row = tuple[Any, ...]


SCHEMA_LOCK = 0x706B7266  # "pkrf": PostgreSQL advisory lock taken while making tables


class Tx:
    """An open transaction (or read snapshot)."""

    def __init__(self, conn: Any, postgres: bool) -> None:
        self._conn = conn
        self.postgres = postgres

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute a statement; returns how many rows it changed."""
        return int(self.execute(sql, params).rowcount)

    def lock_schema(self) -> None:
        """Hold the database's schema lock until this transaction ends (PostgreSQL; SQLite's
        write transaction is already exclusive): two processes of a service start together
        and ``CREATE TABLE IF NOT EXISTS`` is not safe against a concurrent twin there."""
        if self.postgres:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))

    def notify(self, channel: str) -> None:
        """Tell listeners, at commit, that something changed (PostgreSQL; no-op on SQLite)."""
        if self.postgres:
            self._conn.execute(f'NOTIFY "{channel}"')

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.postgres:
            with self._conn.cursor() as cur:
                cur.executemany(self._sql(sql), [tuple(r) for r in rows])
        else:
            self._conn.executemany(sql, [tuple(r) for r in rows])

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row = self.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._as_dicts(self.execute(sql, params))

    @staticmethod
    def _as_dicts(cur: Any) -> list[dict[str, Any]]:
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
            yield

    def many_dicts(
        self, queries: Sequence[tuple[str, Sequence[Any]]]
    ) -> list[list[dict[str, Any]]]:
        """Several reads at once: one round trip on PostgreSQL (pipeline mode)."""
        if not self.postgres:
            return [self.dicts(sql, params) for sql, params in queries]
        with self._conn.pipeline():
            cursors = [self.execute(sql, params) for sql, params in queries]
        return [self._as_dicts(cur) for cur in cursors]


class Database:
    """Connections to the read-side database at ``url``."""

    def __init__(self, url: str | StoreUrl, pool_size: int = 8) -> None:
        self.url = url if isinstance(url, StoreUrl) else StoreUrl.parse(url)
        self.postgres = self.url.kind == "postgres"
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._pool: ConnectionPool[Any] | None = None
        if self.postgres:
            if self.url.schema:
                with psycopg.connect(self.url.psycopg_conninfo(), autocommit=True) as conn:
                    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {self.url.schema}")
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
            with self._pool.connection() as conn:
                if snapshot:
                    # Sent with the BEGIN itself (no extra round trip); reset before the
                    # connection goes back to the pool.
                    conn.isolation_level = IsolationLevel.REPEATABLE_READ
                    conn.read_only = True
                try:
                    with conn.transaction():
                        yield Tx(conn, postgres=True)
                finally:
                    if snapshot:
                        self._unsnapshot(conn)
            return
        conn = self._sqlite()
        conn.execute(begin)
        try:
            yield Tx(conn, postgres=False)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    def _unsnapshot(conn: psycopg.Connection[Any]) -> None:
        if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            conn.isolation_level = None
            conn.read_only = None
        else:  # a broken connection: closed, so the pool discards it
            conn.close()

    def write(self) -> Any:
        """A write transaction (serialised with every other writer on SQLite)."""
        return self._transaction("BEGIN IMMEDIATE")

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
