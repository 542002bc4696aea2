"""``pkraft communication ...``: the service's processes and the dev mail catcher."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from services.communication.config import CommunicationSettings
from services.communication.entrypoints.cli_retention import retention
from shared.logging import configure_logging
from shared.migrations import SchemaBehind

cli = typer.Typer(help="The communication service.", no_args_is_help=True)
cli.command()(retention)


@cli.command()
def api() -> None:
    """Serve the communication API (port 8103 by default)."""
    settings = CommunicationSettings()
    configure_logging("communication-api", settings.common.log_level, settings.common.log_format)
    from services.communication.entrypoints.api import create_app
    from shared.http.serve import serve

    with _schema_checked():
        app = create_app(settings)
    serve(app, host=settings.http_host, port=settings.http_port)


@cli.command()
def consumer() -> None:
    """Follow the cases and councils topics and send the messages the rules queue."""
    settings = CommunicationSettings()
    configure_logging(
        "communication-consumer", settings.common.log_level, settings.common.log_format
    )
    from services.communication.entrypoints.consumer import run_consumer

    with _schema_checked():
        asyncio.run(run_consumer(settings))


@cli.command()
def relay() -> None:
    """Publish the outbox to Kafka (pkraft.communication.v1), without loss."""
    settings = CommunicationSettings()
    configure_logging("communication-relay", settings.common.log_level, settings.common.log_format)
    from services.communication.entrypoints.relay import run_relay

    with _schema_checked():
        asyncio.run(run_relay(settings))


@contextmanager
def _schema_checked() -> Iterator[None]:
    """A database behind this release's schema (outside dev mode) stops the process
    with the command that upgrades it, not a traceback."""
    try:
        yield
    except SchemaBehind as exc:
        typer.echo(f"communication: {exc}", err=True)
        raise typer.Exit(2) from None


@cli.command()
def migrate() -> None:
    """Bring the communication database to this release's schema (idempotent; safe while
    other communication processes run: they wait for the schema lock)."""
    from services.communication.adapters.master_key import communication_master_key
    from services.communication.adapters.schema import migrate as run_migrate
    from shared.eventstore import StoreUrl

    settings = CommunicationSettings()
    master = communication_master_key(settings)
    before, after = run_migrate(StoreUrl.parse(settings.database_url), master)
    if before == after:
        typer.echo(f"communication schema: at {after}, nothing to do")
    else:
        typer.echo(f"communication schema: {before or 'none'} -> {after}")


@cli.command()
def mailcatcher(port: int = typer.Option(0, help="Port (default: the configured one).")) -> None:
    """Development SMTP server: every mail the system sends lands in ./var/mail/*.eml."""
    settings = CommunicationSettings()
    configure_logging("mailcatcher", settings.common.log_level, settings.common.log_format)
    from services.communication.entrypoints.mailcatcher import run_mailcatcher

    asyncio.run(run_mailcatcher(settings, port or settings.mailcatcher_port))
