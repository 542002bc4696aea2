"""The consumer process (``pkraft councils consumer``): keeps the electorates up to date
from ``pkraft.cases.v1``. The councils store is published by ``pkraft councils relay``."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from faststream.kafka import KafkaBroker

from services.councils.bootstrap import CouncilsService, build, build_consumer, topics
from services.councils.config import CouncilsSettings
from shared.http.ops import consumer_checks, ops_server
from shared.kafka.clients import ensure_topics
from shared.logging import get_logger
from shared.stopping import stop_on_signals

log = get_logger(__name__)


@contextlib.asynccontextmanager
async def consuming(
    settings: CouncilsSettings,
) -> AsyncIterator[tuple[CouncilsService, KafkaBroker]]:
    """The consumer's own store, command writer and broker (start it inside: the caller
    may serve its readiness first); all stopped on the way out."""
    service = build(settings)
    service.commands.committer.start()
    try:
        try:
            await ensure_topics(settings.common, topics(settings))
        except Exception as exc:  # the consumer retries once the broker answers
            log.warning("topic_creation_failed", error=type(exc).__name__)
        broker = build_consumer(settings, service.commands)
        try:
            yield service, broker
        finally:
            await broker.stop()
    finally:
        await asyncio.to_thread(service.commands.committer.stop)
        service.app.close()


async def run_consumer(settings: CouncilsSettings) -> None:
    """Consume until SIGTERM or SIGINT."""
    stop = stop_on_signals()
    async with consuming(settings) as (service, broker):

        async def readiness() -> dict[str, bool]:
            checks = await consumer_checks(broker, settings.common)
            return {**checks, "command_writer": service.commands.committer.alive}

        async with ops_server(readiness):
            await broker.start()
            await stop.wait()
