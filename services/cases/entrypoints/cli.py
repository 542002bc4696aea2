"""``pkraft cases ...``: the service's processes."""

from __future__ import annotations

import asyncio

import typer

from services.cases.config import CasesSettings
from shared.http.serve import serve
from shared.logging import configure_logging

cli = typer.Typer(help="The cases service.", no_args_is_help=True)


@cli.command()
def api() -> None:
    """Serve the cases API (port 8101 by default)."""
    settings = CasesSettings()
    serve(
        "services.cases.entrypoints.api:create_app",
        factory=True,
        workers=settings.http_workers,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        loop="uvloop",
        http="httptools",
        timeout_graceful_shutdown=20,
    )


@cli.command()
def relay() -> None:
    """Publish the cases event store to Kafka (pkraft.cases.v1), without loss."""
    settings = CasesSettings()
    configure_logging("cases-relay", settings.common.log_level, settings.common.log_format)
    from services.cases.entrypoints.relay import run_relay

    asyncio.run(run_relay(settings))
