"""The relay process: ``pkraft communication relay`` publishes the outbox."""

from __future__ import annotations

from services.communication.bootstrap import build_relay, open_store
from services.communication.config import CommunicationSettings
from shared.kafka.consumer import dlq_topic
from shared.relay.process import serve_relay


async def run_relay(settings: CommunicationSettings) -> None:
    """Publish the outbox to ``pkraft.communication.v1`` until SIGTERM or SIGINT."""
    store = open_store(settings)
    topics = [settings.topic, dlq_topic(settings.topic)]
    try:
        await serve_relay(build_relay(settings, store), settings.common, topics)
    finally:
        store.close()
