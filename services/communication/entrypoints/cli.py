"""``pkraft communication ...``: the service's processes and the dev mail catcher."""

from __future__ import annotations

import asyncio

import typer

from services.communication.config import CommunicationSettings
from shared.logging import configure_logging

cli = typer.Typer(help="The communication service.", no_args_is_help=True)


@cli.command()
def api() -> None:
    """Serve the communication API (port 8103 by default)."""
    settings = CommunicationSettings()
    configure_logging("communication-api", settings.common.log_level, settings.common.log_format)
    from services.communication.entrypoints.api import create_app
    from shared.http.serve import serve

    serve(create_app(settings), host=settings.http_host, port=settings.http_port)


@cli.command()
def consumer() -> None:
    """Follow the cases and councils topics and send the messages the rules queue."""
    settings = CommunicationSettings()
    configure_logging(
        "communication-consumer", settings.common.log_level, settings.common.log_format
    )
    from services.communication.entrypoints.consumer import run_consumer

    asyncio.run(run_consumer(settings))


@cli.command()
def relay() -> None:
    """Publish the outbox to Kafka (pkraft.communication.v1), without loss."""
    settings = CommunicationSettings()
    configure_logging("communication-relay", settings.common.log_level, settings.common.log_format)
    from services.communication.entrypoints.relay import run_relay

    asyncio.run(run_relay(settings))


@cli.command()
def mailcatcher(port: int = typer.Option(0, help="Port (default: the configured one).")) -> None:
    """Development SMTP server: every mail the system sends lands in ./var/mail/*.eml."""
    settings = CommunicationSettings()
    configure_logging("mailcatcher", settings.common.log_level, settings.common.log_format)
    from services.communication.entrypoints.mailcatcher import run_mailcatcher

    asyncio.run(run_mailcatcher(settings, port or settings.mailcatcher_port))
