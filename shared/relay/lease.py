"""One active relay per store: the relay holds the store's relay lock while it publishes.

On PostgreSQL the lock is a session advisory lock held by a connection of the relay's
own; on SQLite an exclusive ``flock`` on a file beside the database. Both belong to the
process: when it dies, however it dies (``kill -9`` included), the kernel closes its
socket or file and the lock is free at once. A second relay started on the same store
waits, says so (``relay_waiting_for_store_lock``; not ready) and tries again every
``retry`` seconds, so it takes over within about that time after the first one died.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import os
from abc import ABC, abstractmethod
from typing import Any, Protocol

import psycopg

from shared.eventstore import StoreUrl
from shared.logging import get_logger

log = get_logger(__name__)
RETRY_SECONDS = 0.5
WAIT_NOTE_EVERY = 60.0  # seconds between repeats of the waiting line


class LeaseLost(Exception):
    """The relay lost the store's relay lock (its lock session ended): stop publishing."""


class RelayLease(Protocol):
    """The store's relay lock."""

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait until this relay holds the lock (True) or ``stop`` is set (False)."""
        ...

    async def check(self) -> None:
        """Raise :class:`LeaseLost` when the lock is no longer held."""
        ...

    async def release(self) -> None: ...


class NoLease:
    """No lock (a store no other process can open, such as an in-memory one)."""

    async def acquire(self, stop: asyncio.Event) -> bool:
        return not stop.is_set()

    async def check(self) -> None:
        return None

    async def release(self) -> None:
        return None


class _Polling(ABC):
    """Tries the lock every ``retry`` seconds, saying once (and every minute) that it waits."""

    def __init__(self, name: str, retry: float) -> None:
        self._name = name
        self._retry = retry

    @abstractmethod
    async def _try(self) -> bool:
        """One attempt at the lock (True: held now)."""

    async def acquire(self, stop: asyncio.Event) -> bool:
        noted = -WAIT_NOTE_EVERY
        loop = asyncio.get_running_loop()
        waited = False
        while not stop.is_set():
            if await self._try():
                if waited:
                    log.warning("relay_took_over_store_lock", relay=self._name)
                return True
            if loop.time() - noted >= WAIT_NOTE_EVERY:
                log.warning(
                    "relay_waiting_for_store_lock",
                    relay=self._name,
                    reason="another relay publishes this store; taking over when it stops",
                )
                noted = loop.time()
            waited = True
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._retry)
        return False


class PostgresLease(_Polling):
    """A session advisory lock keyed by the store (database schema) and the relay's name
    (two services may share a schema), on a connection of its own; checked to be alive
    before each publishing round."""

    def __init__(self, url: StoreUrl, name: str, retry: float = RETRY_SECONDS) -> None:
        super().__init__(name, retry)
        self._url = url
        self.key = lock_key(f"pkraft-relay:{url.schema or 'public'}:{name}")
        self._conn: psycopg.AsyncConnection[Any] | None = None

    async def _try(self) -> bool:
        try:
            if self._conn is None or self._conn.closed:
                self._conn = await psycopg.AsyncConnection.connect(
                    self._url.psycopg_conninfo(), autocommit=True
                )
            cur = await self._conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,))
            row = await cur.fetchone()
            return bool(row and row[0])
        except psycopg.Error as exc:  # database down: keep waiting
            log.warning("relay_store_lock_unavailable", relay=self._name, error=type(exc).__name__)
            await self.release()
            return False

    async def check(self) -> None:
        try:
            if self._conn is None:
                raise LeaseLost(self._name)
            await self._conn.execute("SELECT 1")
        except psycopg.Error as exc:
            await self.release()
            raise LeaseLost(self._name) from exc

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:  # closing the session frees the lock
            with contextlib.suppress(psycopg.Error):
                await conn.close()


class FileLease(_Polling):
    """An exclusive ``flock`` on ``<database>.relay.lock`` (SQLite: one machine)."""

    def __init__(self, path: str, name: str, retry: float = RETRY_SECONDS) -> None:
        super().__init__(name, retry)
        self.path = path
        self._fd: int | None = None

    async def _try(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    async def check(self) -> None:
        if self._fd is None:
            raise LeaseLost(self._name)

    async def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


def lock_key(text: str) -> int:
    """A stable signed 64-bit advisory lock key for ``text``."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)


def lease_for(url: StoreUrl, name: str) -> RelayLease:
    """The relay lock of the store at ``url``."""
    if url.kind == "postgres":
        return PostgresLease(url, name)
    if url.sqlite_path and url.sqlite_path != ":memory:":
        return FileLease(f"{url.sqlite_path}.relay.lock", name)
    return NoLease()
