"""The communication relay wakes on the outbox's NOTIFY on PostgreSQL, like the event-
sourced services' relays: an outbox entry is on the topic at once, though the relay
would poll only once a minute."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from services.communication.bootstrap import build, build_relay
from services.communication.config import CommunicationSettings
from shared.config import CommonSettings
from shared.contracts import communication as wire
from shared.kafka.clients import ensure_topics
from tests.kafka_helpers import read_topic

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def test_an_outbox_entry_is_published_without_waiting_for_a_poll(
    postgres_url: str, kafka_bootstrap: str, unique: str
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap)
    settings = CommunicationSettings(
        database_url=postgres_url,
        common=common,
        topic=f"comm-{unique}",
        relay_poll_interval_ms=60_000,
    )
    await ensure_topics(common, [settings.topic])
    service = build(settings)
    relay = build_relay(settings, service.store)
    relay._idle_wait = 60.0  # a relay that polls would look again only after a minute
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        async with asyncio.timeout(30):  # idle, LISTENing
            while getattr(relay._waker, "_conn", None) is None:
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # its LISTEN statement follows the connection
        event = wire.ThemeEveningCancelled(
            occurred_at=datetime.now(UTC), actor="anna", evening_id="e1", evening_version=2
        )
        with service.store.transaction() as tx:
            tx.publish("e1:2", "e1", event)
        written = time.monotonic()
        records = await read_topic(kafka_bootstrap, settings.topic, min_count=1, timeout=20)
        took = time.monotonic() - written
    finally:
        stop.set()
        await task
        service.close()
    assert [r.header("ce_id") for r in records] == ["e1:2"]
    assert took < 10, f"published after {took:.1f} s: the relay polled instead of listening"
