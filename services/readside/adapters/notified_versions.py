"""The case versions each ingested batch committed, pushed to the read API by the
ingest's NOTIFY (PostgreSQL), so that a read waiting on ``min_version`` needs no query
to learn that its version is there."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

import psycopg

from shared.eventstore import StoreUrl

CHUNK = 150  # cases per notification: about 7 kB, under PostgreSQL's 8,000-byte payload


def payloads(versions: Mapping[str, int | None]) -> Iterator[str]:
    """The notification payloads naming ``versions`` (JSON objects; one empty object when
    there are none, so that a listener still learns that something changed)."""
    known = sorted((case_id, v) for case_id, v in versions.items() if v is not None)
    if not known:
        yield "{}"
    for start in range(0, len(known), CHUNK):
        yield json.dumps(dict(known[start : start + CHUNK]), separators=(",", ":"))


def parse(payload: str) -> dict[str, int] | None:
    """The versions a payload names; None when it names none (or is not ours)."""
    try:
        value = json.loads(payload) if payload else None
    except ValueError:
        return None
    if not isinstance(value, dict) or not value:
        return None
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int)}


class NotifiedVersions:
    """LISTENs on the ingest channel; :meth:`versions` returns what the next notification
    names. Also a plain waker (``wait``) for whoever only needs to know that it came."""

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

    async def versions(self, timeout: float) -> dict[str, int] | None:
        """The versions named by the next notification within ``timeout``; None when none
        came, when it named none, or when the connection failed (ask the store then)."""
        try:
            conn = await self._connect()
            async for notify in conn.notifies(timeout=timeout, stop_after=1):
                return parse(notify.payload)
        except psycopg.Error:
            self._conn = None
            await asyncio.sleep(timeout)
        return None

    async def wait(self, timeout: float) -> None:
        await self.versions(timeout)

    async def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                await self._conn.close()
