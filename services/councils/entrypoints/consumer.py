"""The consumer process (``pkraft councils consumer``): keeps the electorates up to date
from ``pkraft.cases.v1``. The councils store is published by ``pkraft councils relay``."""

from __future__ import annotations

import asyncio
import signal

from services.councils.bootstrap import build, build_consumer, topics
from services.councils.config import CouncilsSettings
from shared.http.ops import consumer_checks, ops_server
from shared.kafka.clients import ensure_topics
from shared.logging import get_logger

log = get_logger(__name__)


async def run_consumer(settings: CouncilsSettings) -> None:
    """Consume until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    service = build(settings)
    service.commands.committer.start()
    try:
        await ensure_topics(settings.common, topics(settings))
    except Exception as exc:  # the consumer retries once the broker answers
        log.warning("topic_creation_failed", error=type(exc).__name__)
    broker = build_consumer(settings, service.commands)

    async def readiness() -> dict[str, bool]:
        checks = await consumer_checks(broker, settings.common)
        return {**checks, "command_writer": service.commands.committer.alive}

    try:
        async with ops_server(readiness):
            await broker.start()
            await stop.wait()
    finally:
        await broker.stop()
        await asyncio.to_thread(service.commands.committer.stop)
        service.app.close()
