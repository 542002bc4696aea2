"""``pkraft councils ...``: the service's processes."""

from __future__ import annotations

import typer

from services.councils.adapters.migrations import MIGRATIONS
from services.councils.config import CouncilsSettings
from services.councils.entrypoints.cli_privacy import (
    access_log_verify,
    erase_subject,
    export_subject,
    rotate_master_key,
)
from shared.process_cli import run_process, serve_api
from shared.schema_cli import migrate_command

cli = typer.Typer(help="The councils service.", no_args_is_help=True)


@cli.command()
def api() -> None:
    """Serve the councils API (port 8102 by default)."""
    from services.councils.entrypoints.api import create_app

    serve_api("councils-api", CouncilsSettings(), create_app)


@cli.command()
def consumer() -> None:
    """Build electorates from pkraft.cases.v1."""
    from services.councils.entrypoints.consumer import run_consumer

    run_process("councils-consumer", CouncilsSettings(), run_consumer)


@cli.command()
def relay() -> None:
    """Publish the councils event store to pkraft.councils.v1, without loss."""
    from services.councils.entrypoints.relay import run_relay

    run_process("councils-relay", CouncilsSettings(), run_relay)


cli.command()(migrate_command("councils", lambda: CouncilsSettings().database_url, MIGRATIONS))
cli.command("erase-subject")(erase_subject)
cli.command("export-subject")(export_subject)
cli.command("access-log-verify")(access_log_verify)
cli.command("rotate-master-key")(rotate_master_key)
