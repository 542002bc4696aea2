"""A small SQL layer over SQLite or PostgreSQL: one connection, one transaction at a time.

The service writes little (messages, projection rows), so one serialised connection per
process is enough and keeps the outbox positions in commit order. SQL is written with
``?`` placeholders; on PostgreSQL they become ``%s``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg

from shared.eventstore import StoreUrl

Row = tuple[Any, ...]


class Tx:
    """The statements of one transaction."""

    def __init__(self, cursor: Any, postgres: bool) -> None:
        self._cursor = cursor
        self.postgres = postgres

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        self._cursor.execute(self._sql(sql), tuple(params))
        return int(self._cursor.rowcount)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        self._cursor.execute(self._sql(sql), tuple(params))
        row = self._cursor.fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self._cursor.execute(self._sql(sql), tuple(params))
        return [tuple(r) for r in self._cursor.fetchall()]

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql


class Database:
    """The service's own database: ``sqlite:///path`` or ``postgresql://...?schema=s``."""

    def __init__(self, url: StoreUrl) -> None:
        self.url = url
        self.postgres = url.kind == "postgres"
        self._lock = threading.RLock()
        self._conn: Any = None

    def _connect(self) -> Any:
        if self._conn is not None:
            return self._conn
        conn: Any
        if self.postgres:
            conn = psycopg.connect(self.url.psycopg_conninfo(), autocommit=True)
            if self.url.schema:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {self.url.schema}")
                conn.execute(f"SET search_path TO {self.url.schema}")
        else:
            Path(self.url.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.url.sqlite_path, timeout=30, check_same_thread=False, isolation_level=None
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
        self._conn = conn
        return conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One transaction; committed when the block ends, rolled back on an exception."""
        with self._lock:
            conn = self._connect()
            try:
                if self.postgres:
                    with conn.transaction(), conn.cursor() as cur:
                        yield Tx(cur, True)
                else:
                    cur = conn.cursor()
                    cur.execute("BEGIN IMMEDIATE")
                    try:
                        yield Tx(cur, False)
                    except BaseException:
                        cur.execute("ROLLBACK")
                        raise
                    cur.execute("COMMIT")
            except (psycopg.OperationalError, psycopg.InterfaceError):
                self.close()  # a broken connection is reopened on next use
                raise

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    self._conn.close()
                self._conn = None
