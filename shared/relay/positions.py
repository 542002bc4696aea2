"""How far a relay got, kept in the service's own database.

The position is written only after the broker acknowledged everything up to it, so a
restart resumes from the last acknowledged event (at-least-once, never a gap).
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Protocol

import psycopg

from shared.eventstore import StoreUrl


class PositionStore(Protocol):
    """Reads and records a named relay's position."""

    def get(self, name: str) -> int: ...

    def set(self, name: str, position: int) -> None: ...

    def close(self) -> None: ...


class SqlitePositions:
    """Positions in a table of the service's SQLite file."""

    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS pkraft_relay_positions "
            "(relay TEXT PRIMARY KEY, position INTEGER NOT NULL)"
        )
        self._conn.commit()

    def get(self, name: str) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT position FROM pkraft_relay_positions WHERE relay = ?", (name,)
            ).fetchone()
        return int(row[0]) if row else 0

    def set(self, name: str, position: int) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO pkraft_relay_positions (relay, position) VALUES (?, ?) "
                "ON CONFLICT(relay) DO UPDATE SET position = excluded.position",
                (name, position),
            )
            self._conn.commit()

    def close(self) -> None:
        self._conn.close()


class PostgresPositions:
    """Positions in a table of the service's PostgreSQL database (same schema)."""

    def __init__(self, url: StoreUrl) -> None:
        self._table = url.qualified("pkraft_relay_positions")
        self._conn = psycopg.connect(url.psycopg_conninfo(), autocommit=True)
        if url.schema:
            self._conn.execute(f"CREATE SCHEMA IF NOT EXISTS {url.schema}")
        self._conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self._table} "
            "(relay TEXT PRIMARY KEY, position BIGINT NOT NULL)"
        )

    def get(self, name: str) -> int:
        row = self._conn.execute(
            f"SELECT position FROM {self._table} WHERE relay = %s", (name,)
        ).fetchone()
        return int(row[0]) if row else 0

    def set(self, name: str, position: int) -> None:
        self._conn.execute(
            f"INSERT INTO {self._table} (relay, position) VALUES (%s, %s) "
            "ON CONFLICT (relay) DO UPDATE SET position = EXCLUDED.position",
            (name, position),
        )

    def close(self) -> None:
        self._conn.close()


def open_positions(url: StoreUrl) -> PositionStore:
    """The position store beside the event store at ``url``."""
    if url.kind == "sqlite":
        return SqlitePositions(url.sqlite_path)
    return PostgresPositions(url)
