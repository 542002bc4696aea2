"""``pkraft communication ...``: the service's processes and the dev mail catcher."""

from __future__ import annotations

import asyncio

import typer

from services.communication.config import CommunicationSettings
from services.communication.entrypoints.cli_keys import rotate_master_key
from services.communication.entrypoints.cli_retention import retention
from shared.logging import configure_logging
from shared.process_cli import run_process, serve_api
from shared.schema_cli import say_migrated

cli = typer.Typer(help="The communication service.", no_args_is_help=True)
cli.command()(retention)
cli.command("rotate-master-key")(rotate_master_key)


@cli.command("access-log-verify")
def access_log_verify() -> None:
    """Recompute the chain of the communication access log (who read registrants' names);
    name every altered or missing row."""
    from shared.privacy.cli import verify_access_log

    verify_access_log(CommunicationSettings().database_url)


@cli.command()
def api() -> None:
    """Serve the communication API (port 8103 by default)."""
    from services.communication.entrypoints.api import create_app

    serve_api("communication-api", CommunicationSettings(), create_app)


@cli.command()
def consumer() -> None:
    """Follow the cases and councils topics and send the messages the rules queue."""
    from services.communication.entrypoints.consumer import run_consumer

    run_process("communication-consumer", CommunicationSettings(), run_consumer)


@cli.command()
def relay() -> None:
    """Publish the outbox to Kafka (pkraft.communication.v1), without loss."""
    from services.communication.entrypoints.relay import run_relay

    run_process("communication-relay", CommunicationSettings(), run_relay)


@cli.command()
def migrate() -> None:
    """Bring the communication database to this release's schema (idempotent; safe while
    other communication processes run: they wait for the schema lock)."""
    from services.communication.adapters.master_key import communication_master_key
    from services.communication.adapters.schema import migrate as run_migrate
    from shared.eventstore import StoreUrl

    settings = CommunicationSettings()
    master = communication_master_key(settings)
    say_migrated("communication", *run_migrate(StoreUrl.parse(settings.database_url), master))


@cli.command()
def mailcatcher(port: int = typer.Option(0, help="Port (default: the configured one).")) -> None:
    """Development SMTP server: every mail the system sends lands in ./var/mail/*.eml."""
    settings = CommunicationSettings()
    configure_logging("mailcatcher", settings.common.log_level, settings.common.log_format)
    from services.communication.entrypoints.mailcatcher import run_mailcatcher

    asyncio.run(run_mailcatcher(settings, port or settings.mailcatcher_port))
