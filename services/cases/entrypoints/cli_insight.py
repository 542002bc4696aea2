"""``pkraft privacy export --subject ID``: insight (GDPR art. 15) from the command line.
The export is itself recorded in the access log."""

from __future__ import annotations

import typer

from services.cases.adapters.insight import SubjectInsight
from services.cases.adapters.privacy import NAMING
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.privacy.cli import print_export

CLI_ENDPOINT = "CLI pkraft privacy export"


def export(
    subject: str = typer.Option(..., "--subject", help=f"{NAMING.forms}."),
    html: bool = typer.Option(False, "--html", help="A readable HTML page (Danish), not JSON."),
    actor: str = typer.Option("", help="Who asks (default: the OS user)."),
) -> None:
    """Everything stored about a subject, where it was sent and who read it."""
    app = build_application(CasesSettings())
    print_export(app, SubjectInsight, subject, html, actor, CLI_ENDPOINT)
