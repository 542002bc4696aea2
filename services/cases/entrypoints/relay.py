"""The relay process: ``pkraft cases relay``."""

from __future__ import annotations

import asyncio
import signal

from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from shared.http.ops import ops_server
from shared.kafka.clients import ensure_topics
from shared.logging import get_logger
from shared.relay.readiness import relay_readiness

log = get_logger(__name__)


async def run_relay(settings: CasesSettings) -> None:
    """Publish the cases event store to Kafka until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    app = build_application(settings)
    try:
        await ensure_topics(settings.common, [settings.topic])
    except Exception as exc:  # the relay retries on its own once the broker answers
        log.warning("topic_creation_failed", error=type(exc).__name__)
    relay = build_relay(settings, app)
    try:
        async with ops_server(lambda: relay_readiness(relay, settings.common)):
            await relay.run(stop)
    finally:
        app.close()
