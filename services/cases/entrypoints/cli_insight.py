"""``pkraft privacy export --subject ID``: insight (GDPR art. 15) from the command line.
The export is itself recorded in the access log."""

from __future__ import annotations

import getpass
import json

import typer

from services.cases.adapters.access_log import AccessEntry, AccessLog
from services.cases.adapters.insight import SubjectInsight
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case_privacy import parse_subject
from services.cases.entrypoints.insight_html import render
from shared.correlation import current_or_new
from shared.errors import DomainError

CLI_ENDPOINT = "CLI pkraft privacy export"


def export(
    subject: str = typer.Option(
        ..., "--subject", help="citizen:<case id> or relative:<case id>:<relative id>."
    ),
    html: bool = typer.Option(False, "--html", help="A readable HTML page (Danish), not JSON."),
    actor: str = typer.Option("", help="Who asks (default: the OS user)."),
) -> None:
    """Everything stored about a subject, where it was sent and who read it."""
    settings = CasesSettings()
    app = build_application(settings)
    try:
        if app.keys.db is None:
            raise DomainError("access_log_unavailable", "The access log has no database.")
        _, case_text, _ = parse_subject(subject)
        if not app.keys.exists(subject):
            raise DomainError("subject_not_found", "no data subject with that id")
        log = AccessLog(app.keys.db)
        log.append(
            AccessEntry(
                actor=actor or getpass.getuser(),
                roles=["operator"],
                endpoint=CLI_ENDPOINT,
                case_id=case_text,
                subjects=[subject],
                correlation_id=current_or_new(),
            )
        )
        found = SubjectInsight(app, log).export(subject)
    except DomainError as exc:
        typer.echo(f"! {exc.code}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    finally:
        app.close()
    typer.echo(render(found) if html else json.dumps(found, indent=2, ensure_ascii=False))
