"""``pkraft cases ...``: the service's processes."""

from __future__ import annotations

import typer

from services.cases.adapters.migrations import MIGRATIONS
from services.cases.config import CasesSettings
from shared.http.serve import serve
from shared.migrations import prepare
from shared.process_cli import SERVER, run_process
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
        **SERVER,
    )


@cli.command()
def relay() -> None:
    """Publish the cases event store to Kafka (pkraft.cases.v1), without loss."""
    from services.cases.entrypoints.relay import run_relay

    run_process("cases-relay", CasesSettings(), run_relay)


cli.command()(migrate_command("cases", lambda: CasesSettings().database_url, MIGRATIONS))
