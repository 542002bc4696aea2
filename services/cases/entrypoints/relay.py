"""The relay process: ``pkraft cases relay``."""

from __future__ import annotations

from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from shared.eventsourced import serve_store_relay


async def run_relay(settings: CasesSettings) -> None:
    """Publish the cases event store to Kafka until SIGTERM or SIGINT."""
    await serve_store_relay(settings, build_application, build_relay, [settings.topic])
