"""Waking up when new data may be there: a PostgreSQL LISTEN, or a plain poll."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Protocol

import psycopg

from shared.eventstore import StoreUrl


class Waker(Protocol):
    """Waits until new events may be there (or the timeout passes)."""

    async def wait(self, timeout: float) -> None: ...

    async def close(self) -> None: ...


class SleepWaker:
    """Polling: SQLite has no subscription."""

    def __init__(self, poll_interval: float) -> None:
        self._poll_interval = poll_interval

    async def wait(self, timeout: float) -> None:
        await asyncio.sleep(min(timeout, self._poll_interval))

    async def close(self) -> None:
        return None


class PostgresWaker:
    """LISTENs on the channel eventsourcing NOTIFYs after each insert."""

    def __init__(self, url: StoreUrl, channel: str) -> None:
        self._url = url
        self._channel = channel
        self._conn: psycopg.AsyncConnection[Any] | None = None

    async def _connect(self) -> psycopg.AsyncConnection[Any]:
        if self._conn is None or self._conn.closed:
            self._conn = await psycopg.AsyncConnection.connect(
                self._url.psycopg_conninfo(), autocommit=True
            )
            await self._conn.execute(f'LISTEN "{self._channel}"')
        return self._conn

    async def wait(self, timeout: float) -> None:
        """Until a notification comes (or ``timeout``); every other one already here is
        taken too: the read that follows covers what they announce, so each would
        only cost the waiter an empty turn."""
        try:
            conn = await self._connect()
            came = False
            async for _ in conn.notifies(timeout=timeout, stop_after=1):
                came = True
                break
            if came:
                async for _ in conn.notifies(timeout=0):
                    pass
        except psycopg.Error:
            self._conn = None
            await asyncio.sleep(timeout)

    async def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                await self._conn.close()


def waker(url: StoreUrl, channel: str | None, poll_interval: float) -> Waker:
    """LISTEN on ``channel`` on PostgreSQL (whoever writes NOTIFYs it at commit, e.g.
    ``shared.sqldb.Tx.notify``), polling every ``poll_interval`` seconds elsewhere."""
    if url.kind == "postgres" and channel:
        return PostgresWaker(url, channel)
    return SleepWaker(poll_interval)
