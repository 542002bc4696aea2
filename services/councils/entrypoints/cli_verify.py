"""``pkraft councils verify``: the councils store against its own chain and signed checkpoint."""

from __future__ import annotations

import asyncio

import typer

from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from shared.sourcechain.audit import verify_service
from shared.sourcechain.report_text import render


def verify(
    broker: bool = typer.Option(
        True, help="Check against the newest signed checkpoint on the councils topic."
    ),
    as_json: bool = typer.Option(False, "--json", help="The report as JSON."),
) -> None:
    """Recompute the councils store's chain: every altered, missing, extra or reordered event
    by council or pool and version (exit code 1 when anything was found; docs/audit.md)."""
    settings = CouncilsSettings()
    app = build_application(settings)
    try:
        report = asyncio.run(
            verify_service("councils", app, settings.common, settings.topic, broker=broker)
        )
    finally:
        app.close()
    typer.echo(render(report, as_json))
    raise typer.Exit(0 if report.ok else 1)
