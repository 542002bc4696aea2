"""``pkraft communication retention``: forget theme-evening registrants kept longer than
PKRAFT_COMMUNICATION_REGISTRANT_RETENTION_DAYS after their evening (dry run unless
``--apply``). Prints ids and counts only, never a name or address."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import typer

from services.communication.config import CommunicationSettings


def retention(
    apply: bool = typer.Option(False, "--apply", help="Destroy their keys (default: list)."),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="Run as of this later date; with --apply only in dev mode."
    ),
) -> None:
    """List (or with --apply forget) the registrants of theme evenings held more than
    PKRAFT_COMMUNICATION_REGISTRANT_RETENTION_DAYS ago."""
    settings = CommunicationSettings()
    if as_of is not None and apply and not settings.common.dev_mode:
        typer.echo("! --as-of with --apply is for development only", err=True)
        raise typer.Exit(2)
    from services.communication.application.inbound import utcnow
    from services.communication.application.retention import RegistrantRetention
    from services.communication.bootstrap import build

    when = (as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)) if as_of else None
    clock = (lambda: when) if when is not None else utcnow
    service = build(settings, clock=clock)
    try:
        evenings = service.evenings
        job = RegistrantRetention(
            evenings.app,
            service.store,
            evenings.follower.erasure,
            settings.registrant_retention_days,
            clock=clock,
        )
        due = job.apply() if apply else job.due()
        report = {
            "retention_days": job.days,
            "started_before": job.cutoff().isoformat(),
            "applied": apply,
            "due": [d.as_dict() for d in due],
            "registrants": sum(len(d.registration_ids) for d in due),
        }
    finally:
        service.close()
    typer.echo(json.dumps(report, indent=2))
