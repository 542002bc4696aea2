"""The relay process: ``pkraft cases relay``."""

from __future__ import annotations

from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from shared.relay.process import serve_relay


async def run_relay(settings: CasesSettings) -> None:
    """Publish the cases event store to Kafka until SIGTERM or SIGINT."""
    app = build_application(settings)
    try:
        await serve_relay(build_relay(settings, app), settings.common, [settings.topic])
    finally:
        app.close()
