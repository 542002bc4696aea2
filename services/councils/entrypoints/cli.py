"""``pkraft councils ...``: the service's processes."""

from __future__ import annotations

import asyncio

import typer

from services.councils.adapters.migrations import MIGRATIONS
from services.councils.config import CouncilsSettings
from services.councils.entrypoints.cli_privacy import (
    access_log_verify,
    erase_subject,
    export_subject,
    rotate_master_key,
)
from shared.http.serve import serve
from shared.logging import configure_logging
from shared.schema_cli import migrate_command, schema_checked

cli = typer.Typer(help="The councils service.", no_args_is_help=True)


@cli.command()
def api() -> None:
    """Serve the councils API (port 8102 by default)."""
    settings = CouncilsSettings()
    configure_logging("councils-api", settings.common.log_level, settings.common.log_format)
    from services.councils.entrypoints.api import create_app

    with schema_checked("councils"):
        app = create_app(settings)
    serve(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        loop="uvloop",
        http="httptools",
        timeout_graceful_shutdown=20,
    )


@cli.command()
def consumer() -> None:
    """Build electorates from pkraft.cases.v1."""
    settings = CouncilsSettings()
    configure_logging("councils-consumer", settings.common.log_level, settings.common.log_format)
    from services.councils.entrypoints.consumer import run_consumer

    with schema_checked("councils"):
        asyncio.run(run_consumer(settings))


@cli.command()
def relay() -> None:
    """Publish the councils event store to pkraft.councils.v1, without loss."""
    settings = CouncilsSettings()
    configure_logging("councils-relay", settings.common.log_level, settings.common.log_format)
    from services.councils.entrypoints.relay import run_relay

    with schema_checked("councils"):
        asyncio.run(run_relay(settings))


cli.command()(migrate_command("councils", lambda: CouncilsSettings().database_url, MIGRATIONS))
cli.command("erase-subject")(erase_subject)
cli.command("export-subject")(export_subject)
cli.command("access-log-verify")(access_log_verify)
cli.command("rotate-master-key")(rotate_master_key)
