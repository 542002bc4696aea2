"""``pkraft cases ...``: the service's processes."""

from __future__ import annotations

import asyncio

import typer

from services.cases.adapters.migrations import MIGRATIONS
from services.cases.config import CasesSettings
from shared.http.serve import serve
from shared.logging import configure_logging
from shared.migrations import prepare
from shared.schema_cli import migrate_command, schema_checked

cli = typer.Typer(help="The cases service.", no_args_is_help=True)


@cli.command()
def api() -> None:
    """Serve the cases API (port 8101 by default)."""
    settings = CasesSettings()
    with schema_checked("cases"):  # each worker builds its own app: migrate or refuse here
        prepare(
            settings.database_url,
            MIGRATIONS,
            upgrade_now=settings.common.dev_mode,
            service="cases",
        )
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

    with schema_checked("cases"):
        asyncio.run(run_relay(settings))


cli.command()(migrate_command("cases", lambda: CasesSettings().database_url, MIGRATIONS))
