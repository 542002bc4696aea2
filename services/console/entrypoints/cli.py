"""``pkraft console ...``: serve the staff console."""

from __future__ import annotations

import typer

from services.console.config import ConsoleSettings
from shared.http.serve import serve
from shared.logging import configure_logging

cli = typer.Typer(help="The staff console (Danish web pages).", no_args_is_help=True)


@cli.command()
def api() -> None:
    """Serve the console (port 8100 by default)."""
    settings = ConsoleSettings()
    configure_logging("console", settings.common.log_level, settings.common.log_format)
    from services.console.entrypoints.api import create_app

    serve(create_app(settings), host=settings.http_host, port=settings.http_port)
