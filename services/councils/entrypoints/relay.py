"""The relay process: ``pkraft councils relay`` publishes the councils event store."""

from __future__ import annotations

from services.councils.bootstrap import build_application, build_relay
from services.councils.config import CouncilsSettings
from shared.eventsourced import serve_store_relay
from shared.kafka.consumer import dlq_topic


async def run_relay(settings: CouncilsSettings) -> None:
    """Publish the councils event store to ``pkraft.councils.v1`` until SIGTERM or SIGINT."""
    topics = [settings.topic, dlq_topic(settings.topic)]
    await serve_store_relay(settings, build_application, build_relay, topics)
