"""``pkraft cases access-log verify``: recompute the access log's hash chain."""

from __future__ import annotations

import json

import typer

from services.cases.adapters.access_log import AccessLog
from services.cases.config import CasesSettings
from shared.eventstore import StoreUrl
from shared.sqldb import Database

access_log_cli = typer.Typer(help="The log of reads of personal data.", no_args_is_help=True)


@access_log_cli.command("verify")
def verify() -> None:
    """Recompute the chain of the access log; name every altered or missing row."""
    settings = CasesSettings()
    db = Database(StoreUrl.parse(settings.database_url), pool_size=1)
    try:
        report = AccessLog(db).verify()
    finally:
        db.close()
    typer.echo(json.dumps(report.as_dict(), indent=2))
    if not report.ok:
        for finding in report.findings:
            typer.echo(f"! row {finding.seq}: {finding.kind}: {finding.detail}", err=True)
        raise typer.Exit(1)
