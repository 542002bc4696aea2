"""The relay process: ``pkraft councils relay`` publishes the councils event store."""

from __future__ import annotations

from services.councils.bootstrap import build_application, build_relay
from services.councils.config import CouncilsSettings
from shared.kafka.consumer import dlq_topic
from shared.relay.process import serve_relay


async def run_relay(settings: CouncilsSettings) -> None:
    """Publish the councils event store to ``pkraft.councils.v1`` until SIGTERM or SIGINT."""
    app = build_application(settings)
    topics = [settings.topic, dlq_topic(settings.topic)]
    try:
        await serve_relay(build_relay(settings, app), settings.common, topics)
    finally:
        app.close()
