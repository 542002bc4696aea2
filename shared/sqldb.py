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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import IsolationLevel
from psycopg_pool import ConnectionPool

from shared.eventstore import StoreUrl
from shared.sqlcore import Compiler
from shared.sqltx import SCHEMA_LOCK, Row, Tx

__all__ = ["SCHEMA_LOCK", "Database", "Row", "Tx"]


class Database:
    """Connections to the read-side database at ``url``."""

    def __init__(self, url: str | StoreUrl, pool_size: int = 8) -> None:
        self.url = url if isinstance(url, StoreUrl) else StoreUrl.parse(url)
        self.postgres = self.url.kind == "postgres"
        self.compiler = Compiler(self.postgres)
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
                        yield Tx(conn, self.compiler)
                finally:
                    if snapshot:
                        self._unsnapshot(conn)
            return
        conn = self._sqlite()
        conn.execute(begin)
        try:
            yield Tx(conn, self.compiler)
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
