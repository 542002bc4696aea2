"""How far a relay got, and which incarnation of the store wrote which events, kept in
the service's own database (beside its event store, so a backup holds both). The tables
are the service's migrations' (``pkraft <service> migrate``; made at start in dev mode),
never made here.

The position is written only after the broker acknowledged everything up to it, so a
restart resumes from the last acknowledged event (at-least-once, never a gap).

An incarnation starts when an operator marks a restored store (``pkraft store
restored``): events from ``first_notification`` on get ids of that incarnation
(``shared.eventid``), so consumers do not take them for the lost events of the same
versions they saw before the restore.
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime
from typing import Any, Protocol

import psycopg

from shared.eventid import new_incarnation
from shared.eventstore import StoreUrl

POSITIONS = "pkraft_relay_positions"
INCARNATIONS = "pkraft_store_incarnations"


class Incarnations:
    """Which incarnation wrote a notification: (first notification id, incarnation)."""

    def __init__(self, history: list[tuple[int, int]] | None = None) -> None:
        self._history = sorted(history or [])
        self._firsts = [first for first, _ in self._history]

    def of(self, notification_id: int) -> int:
        at = bisect.bisect_right(self._firsts, notification_id)
        return self._history[at - 1][1] if at else 0

    @property
    def current(self) -> int:
        return max((inc for _, inc in self._history), default=0)


class PositionStore(Protocol):
    """Reads and records a named relay's position, and the store's incarnations."""

    def get(self, name: str) -> int: ...

    def set(self, name: str, position: int) -> None: ...

    def incarnations(self) -> Incarnations: ...

    def mark_restored(self, max_notification: int) -> int: ...

    def close(self) -> None: ...


class _SqlPositions:
    """Positions and incarnations over a DB-API connection (``?`` placeholders)."""

    _postgres = False

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _table(self, name: str) -> str:
        return name

    def get(self, name: str) -> int:
        rows = self._run(f"SELECT position FROM {self._table(POSITIONS)} WHERE relay = ?", (name,))
        return int(rows[0][0]) if rows else 0

    def set(self, name: str, position: int) -> None:
        self._run(
            f"INSERT INTO {self._table(POSITIONS)} (relay, position) VALUES (?, ?) "
            "ON CONFLICT (relay) DO UPDATE SET position = excluded.position",
            (name, position),
        )

    def incarnations(self) -> Incarnations:
        rows = self._run(f"SELECT first_notification, incarnation FROM {self._table(INCARNATIONS)}")
        return Incarnations([(int(f), int(i)) for f, i in rows])

    def mark_restored(self, max_notification: int) -> int:
        """Start a new incarnation with the next event, and move every relay that is
        ahead of the restored store back to its end (it published all of it)."""
        incarnation = new_incarnation(self.incarnations().current)
        first = max_notification + 1
        # Rows of a mark whose events the restore removed would claim later events.
        self._run(f"DELETE FROM {self._table(INCARNATIONS)} WHERE first_notification > ?", (first,))
        self._run(
            f"INSERT INTO {self._table(INCARNATIONS)} (incarnation, first_notification, "
            "marked_at) VALUES (?, ?, ?)",
            (incarnation, first, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        self._run(
            f"UPDATE {self._table(POSITIONS)} SET position = ? WHERE position > ?",
            (max_notification, max_notification),
        )
        return incarnation


class SqlitePositions(_SqlPositions):
    """Positions in tables of the service's SQLite file."""

    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
            self._conn.commit()
        return rows

    def close(self) -> None:
        self._conn.close()


class PostgresPositions(_SqlPositions):
    """Positions in tables of the service's PostgreSQL database (same schema)."""

    def __init__(self, url: StoreUrl) -> None:
        self._url = url
        self._lock = threading.Lock()
        self._conn = psycopg.connect(url.psycopg_conninfo(), autocommit=True)

    def _table(self, name: str) -> str:
        return self._url.qualified(name)

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            cur = self._conn.execute(sql.replace("?", "%s"), params)
            return list(cur.fetchall()) if cur.description else []

    def close(self) -> None:
        self._conn.close()


def read_incarnations(url: StoreUrl) -> Incarnations:
    """The incarnations of the store at ``url``, read only (none where never marked),
    for readers of another process's store such as the read side's verify."""
    table = url.qualified(INCARNATIONS)
    query = f"SELECT first_notification, incarnation FROM {table}"
    if url.kind == "sqlite":
        with closing(sqlite3.connect(f"file:{url.sqlite_path}?mode=ro", uri=True)) as conn:
            exists = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INCARNATIONS,)
            ).fetchone()
            rows = conn.execute(query).fetchall() if exists else []
    else:
        with psycopg.connect(url.psycopg_conninfo(), autocommit=True) as pg:
            found = pg.execute("SELECT to_regclass(%s)", (table,)).fetchone()
            rows = list(pg.execute(query).fetchall()) if found and found[0] else []
    return Incarnations([(int(f), int(i)) for f, i in rows])


def open_positions(url: StoreUrl) -> PositionStore:
    """The position store beside the event store at ``url``."""
    if url.kind == "sqlite":
        return SqlitePositions(url.sqlite_path)
    return PostgresPositions(url)
