"""The relay's waker on PostgreSQL: a wake-up takes every notification already there
(the relay's read after it covers what they announce), so a burst of inserts costs the
relay one turn, not one turn per insert; a notification sent after it wakes it again."""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from shared.eventstore import StoreUrl
from shared.notify import PostgresWaker

pytestmark = pytest.mark.postgres


async def test_a_burst_wakes_once_and_the_next_notification_wakes_again(
    postgres_url: str,
) -> None:
    url = StoreUrl.parse(postgres_url)
    waker = PostgresWaker(url, "waker_test")
    notifier = await psycopg.AsyncConnection.connect(url.psycopg_conninfo(), autocommit=True)
    try:
        await waker.wait(0)  # LISTENing from here on
        for _ in range(5):  # five inserts' NOTIFYs, committed one by one
            await notifier.execute('NOTIFY "waker_test"')
        async with asyncio.timeout(10):
            await waker.wait(10)
        conn = waker._conn
        assert conn is not None
        left = [n async for n in conn.notifies(timeout=0.2)]
        assert left == []  # the other four were taken by that one wake-up
        later = asyncio.create_task(waker.wait(10))
        await notifier.execute('NOTIFY "waker_test"')
        async with asyncio.timeout(5):
            await later
    finally:
        await notifier.close()
        await waker.close()
