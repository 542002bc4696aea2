"""``pkraft <service> verify`` for an event-sourced service: its store against its own
chain and its newest signed checkpoint (docs/audit.md)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Protocol

import typer

from shared.config import CommonSettings
from shared.sourcechain.audit import verify_service
from shared.sourcechain.report_text import render


class _Settings(Protocol):
    common: CommonSettings
    topic: str


def verify_command(
    service: str, settings_type: Callable[[], _Settings], build: Callable[[Any], Any], by: str
) -> Callable[..., None]:
    """The command for ``service``: its settings read from the environment, its
    application made by ``build``; ``by`` names what its events belong to."""

    def verify(
        broker: bool = typer.Option(
            True, help=f"Check against the newest signed checkpoint on the {service} topic."
        ),
        as_json: bool = typer.Option(False, "--json", help="The report as JSON."),
    ) -> None:
        settings = settings_type()
        app = build(settings)
        try:
            report = asyncio.run(
                verify_service(service, app, settings.common, settings.topic, broker=broker)
            )
        finally:
            app.close()
        typer.echo(render(report, as_json))
        raise typer.Exit(0 if report.ok else 1)

    verify.__doc__ = (
        f"Recompute the {service} store's chain: every altered, missing, extra or reordered "
        f"event by {by} and version (exit code 1 when anything was found; docs/audit.md)."
    )
    return verify
