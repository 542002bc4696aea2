"""``pkraft cases access-log verify``: recompute the access log's hash chain."""

from __future__ import annotations

import typer

from services.cases.config import CasesSettings
from shared.privacy.cli import verify_access_log

access_log_cli = typer.Typer(help="The log of reads of personal data.", no_args_is_help=True)


@access_log_cli.command("verify")
def verify() -> None:
    """Recompute the chain of the access log; name every altered or missing row."""
    verify_access_log(CasesSettings().database_url)
