"""``pkraft privacy retention``: erase the subjects of cases closed longer than the
retention period (dry-run unless ``--apply``); cases under legal hold are listed, kept."""

from __future__ import annotations

import asyncio
import getpass
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import typer

from services.cases.adapters.retention import Retention
from services.cases.application import CaseCommands, now_utc
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.errors import DomainError


def retention(
    apply: bool = typer.Option(False, "--apply", help="Erase them (default: only list)."),
    as_of: datetime | None = typer.Option(
        None,
        "--as-of",
        help="Run as of this later date (what will expire then); with --apply only in dev mode.",
    ),
    actor: str = typer.Option("", help="Who erases (default: the OS user)."),
) -> None:
    """List (or with --apply erase) the subjects of cases closed longer than
    PKRAFT_CASES_RETENTION_DAYS, except cases under a legal hold."""
    settings = CasesSettings()
    if as_of is not None and apply and not settings.common.dev_mode:
        typer.echo("! --as-of with --apply is for development only", err=True)
        raise typer.Exit(2)
    when = (as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)) if as_of else now_utc()
    try:
        report = asyncio.run(_run(settings, when, apply, actor or getpass.getuser()))
    except DomainError as exc:
        typer.echo(f"! {exc.code}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(report, indent=2))


async def _run(settings: CasesSettings, when: datetime, apply: bool, actor: str) -> dict[str, Any]:
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key, max_batch=1, cache_size=1)
    commands.committer.start()
    try:
        job = Retention(app, commands, settings.retention_days, clock=lambda: when)
        expired = await asyncio.to_thread(job.expired)
        erased = await job.apply(actor) if apply else []
    finally:
        await asyncio.to_thread(commands.committer.stop)
        app.close()
    return {
        "retention_days": settings.retention_days,
        "closed_before": (when - timedelta(days=settings.retention_days)).isoformat(),
        "applied": apply,
        "due": [e.as_dict() for e in expired if e.legal_hold is None],
        "held": [e.as_dict() for e in expired if e.legal_hold is not None],
        "erased": erased,
    }
