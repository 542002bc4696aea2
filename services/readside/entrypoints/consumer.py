"""The consumer: every event of every subscribed topic into the audit store and the
projections (``pkraft readside consumer``).

It uses the shared FastStream subscriber (dead-letter topic, bounded retries), one
message per transaction: with SQLite in WAL mode a commit costs well under a
millisecond, which keeps freshness low without batching; rebuilds, which need
throughput, read the audit log in batches instead of the broker.
"""

from __future__ import annotations

import asyncio
import signal

from faststream.kafka import KafkaBroker

from services.readside.adapters.ingest import Ingestor
from services.readside.bootstrap import build
from services.readside.config import ReadsideSettings
from services.readside.domain.envelope import envelope_of
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery, Handler, dlq_topic, make_broker, subscribe
from shared.logging import get_logger

log = get_logger(__name__)


def when_event_received_record_and_project(ingestor: Ingestor) -> Handler:
    """Audit the event and update the projections, once, whatever the topic."""

    async def handle(event: InboundEvent, delivery: Delivery) -> None:
        env = envelope_of(
            topic=delivery.topic,
            partition=delivery.partition,
            offset=delivery.offset,
            ce_id=event.id,
            ce_type=event.type,
            source=event.source,
            subject=event.subject,
            time=event.time,
            data=event.data,
        )
        await asyncio.to_thread(ingestor.ingest, env, event.data)

    return handle


async def start_consumer(settings: ReadsideSettings, ingestor: Ingestor) -> KafkaBroker:
    """Create the topics if needed, subscribe to each and start consuming."""
    topics = list(settings.topics)
    await ensure_topics(settings.common, [*topics, *(dlq_topic(t) for t in topics)])
    broker = make_broker(settings.common, client_id="pkraft-readside")
    handler = when_event_received_record_and_project(ingestor)
    for topic in topics:
        subscribe(broker, settings.common, topic=topic, group_id=settings.group_id, handler=handler)
    await broker.start()
    log.info("readside_consumer_started", topics=len(topics))
    return broker


async def run_consumer(settings: ReadsideSettings) -> None:
    """Consume until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    service = build(settings)
    broker = await start_consumer(settings, service.ingestor)
    try:
        await stop.wait()
    finally:
        await broker.stop()
        service.close()
