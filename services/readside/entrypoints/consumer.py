"""The consumer process: every event of every subscribed topic into the audit store
and the projections (``pkraft readside consumer``).

It uses the shared batch subscriber (``shared.kafka.consumer.subscribe_batch``): what
one fetch returned is ingested in one transaction, so at a few hundred events/s the
commit cost is shared and the projections stay fresh. The shared rules hold: an offset
is committed only past events that were ingested or parked; a database outage is waited
out; an event the read side refuses is parked on ``<topic>.dlq`` with its reason.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from faststream.kafka import KafkaBroker
from pydantic import ValidationError

from services.readside.adapters import checkpoints
from services.readside.adapters.ingest import Ingestor, delivered
from services.readside.bootstrap import build
from services.readside.config import ReadsideSettings
from services.readside.domain.envelope import envelope_of
from shared.http.ops import consumer_checks, ops_server
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import (
    BatchHandler,
    Delivery,
    MalformedEvent,
    Rejected,
    dlq_topic,
    make_broker,
    subscribe_batch,
)
from shared.kafka.errors import reason_text
from shared.logging import get_logger
from shared.sourcechain import CHECKPOINT_TYPE
from shared.stopping import stop_on_signals

log = get_logger(__name__)


def when_events_arrive_audit_and_project(ingestor: Ingestor) -> BatchHandler:
    """Record a batch in the audit store and the projections, in one transaction."""

    async def handle(batch: list[tuple[InboundEvent, Delivery]]) -> None:
        items, signed = [], []
        for event, d in batch:
            if event.type == CHECKPOINT_TYPE:  # a relay's signed chain head: kept for verify
                signed.append((d.topic, event.id, event.data))
                continue
            env = envelope_of(
                topic=d.topic,
                partition=d.partition,
                offset=d.offset,
                ce_id=event.id,
                ce_type=event.type,
                source=event.source,
                subject=event.subject,
                time=event.time,
                data=event.data,
            )
            try:
                items.append(delivered(env, event.data))
            except ValidationError as exc:
                raise MalformedEvent(reason_text(exc), delivery=d) from exc
            except Rejected as exc:
                raise Rejected(str(exc), reason=exc.reason, delivery=d) from exc
        await asyncio.to_thread(ingestor.ingest_many, items)
        if signed:  # after the events they sign, so the copy holds them when it is read
            await asyncio.to_thread(checkpoints.record, ingestor.db, signed)

    return handle


def build_consumer(settings: ReadsideSettings, ingestor: Ingestor) -> KafkaBroker:
    broker = make_broker(settings.common, client_id="pkraft-readside")
    subscribe_batch(
        broker,
        settings.common,
        topics=list(settings.topics),
        group_id=settings.group_id,
        handler=when_events_arrive_audit_and_project(ingestor),
        fetch_max_wait_ms=settings.fetch_max_wait_ms,
        checkpoints=True,  # kept for audit verify (services.readside.adapters.checkpoints)
    )
    return broker


@contextlib.asynccontextmanager
async def consuming(settings: ReadsideSettings, ingestor: Ingestor) -> AsyncIterator[KafkaBroker]:
    """Create the topics if needed and consume in the background while inside."""
    topics = list(settings.topics)
    try:
        await ensure_topics(settings.common, [*topics, *(dlq_topic(t) for t in topics)])
    except Exception as exc:  # the consumer retries on its own once the broker answers
        log.warning("topic_creation_failed", error=type(exc).__name__)
    broker = build_consumer(settings, ingestor)
    await broker.start()
    log.info("readside_consumer_started", topics=len(topics))
    try:
        yield broker
    finally:
        await broker.stop()


async def run_consumer(settings: ReadsideSettings) -> None:
    """Consume until SIGTERM or SIGINT."""
    stop = stop_on_signals()
    service = build(settings)
    try:
        async with consuming(settings, service.ingestor) as broker:

            def database() -> bool:
                service.queries.store.case_version("-")
                return True

            async def readiness() -> dict[str, bool]:
                return await consumer_checks(broker, settings.common, database)

            async with ops_server(readiness):
                await stop.wait()
    finally:
        service.close()
