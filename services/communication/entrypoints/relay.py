"""The relay process: ``pkraft communication relay`` publishes the outbox."""

from __future__ import annotations

import asyncio
import signal

from services.communication.bootstrap import build_relay, open_store
from services.communication.config import CommunicationSettings
from shared.http.ops import ops_server
from shared.kafka.clients import ensure_topics
from shared.kafka.consumer import dlq_topic
from shared.logging import get_logger
from shared.relay.readiness import relay_readiness

log = get_logger(__name__)


async def run_relay(settings: CommunicationSettings) -> None:
    """Publish the outbox to ``pkraft.communication.v1`` until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    store = open_store(settings)
    try:
        await ensure_topics(settings.common, [settings.topic, dlq_topic(settings.topic)])
    except Exception as exc:  # the relay retries on its own once the broker answers
        log.warning("topic_creation_failed", error=type(exc).__name__)
    relay = build_relay(settings, store)
    try:
        async with ops_server(lambda: relay_readiness(relay, settings.common)):
            await relay.run(stop)
    finally:
        store.close()
