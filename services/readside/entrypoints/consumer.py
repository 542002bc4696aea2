"""The consumer process: every event of every subscribed topic into the audit store
and the projections (``pkraft readside consumer``). See ``adapters/kafka_batches.py``
for why it batches instead of using the one-message-at-a-time shared subscriber."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator

from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.kafka_batches import BatchConsumer
from services.readside.bootstrap import build
from services.readside.config import ReadsideSettings
from shared.http.ops import ops_server
from shared.kafka.clients import broker_reachable, ensure_topics
from shared.kafka.consumer import dlq_topic
from shared.logging import get_logger

log = get_logger(__name__)


@contextlib.asynccontextmanager
async def consuming(settings: ReadsideSettings, ingestor: Ingestor) -> AsyncIterator[BatchConsumer]:
    """Create the topics if needed and consume in the background while inside."""
    topics = list(settings.topics)
    try:
        await ensure_topics(settings.common, [*topics, *(dlq_topic(t) for t in topics)])
    except Exception as exc:  # the consumer retries on its own once the broker answers
        log.warning("topic_creation_failed", error=type(exc).__name__)
    consumer = BatchConsumer(
        settings.common,
        topics=topics,
        group_id=settings.group_id,
        ingestor=ingestor,
        fetch_max_wait_ms=settings.fetch_max_wait_ms,
    )
    await consumer.start()
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    log.info("readside_consumer_started", topics=len(topics))
    try:
        yield consumer
    finally:
        stop.set()
        await task
        await consumer.stop()


async def run_consumer(settings: ReadsideSettings) -> None:
    """Consume until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    service = build(settings)
    try:
        async with consuming(settings, service.ingestor) as consumer:

            async def readiness() -> dict[str, bool]:
                try:
                    await asyncio.to_thread(service.queries.store.case_version, "-")
                    database = True
                except Exception:
                    database = False
                return {
                    "consumer_assigned": consumer.assigned(),
                    "broker": await broker_reachable(settings.common),
                    "database": database,
                }

            async with ops_server(readiness):
                await stop.wait()
    finally:
        service.close()
