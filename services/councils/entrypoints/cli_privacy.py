"""``pkraft councils erase-subject``, ``export-subject``, ``access-log-verify`` and
``rotate-master-key``: the operator's side of the councils service's per-person keys and
access log (``shared.privacy.cli``)."""

from __future__ import annotations

from pathlib import Path

import typer

from services.councils.adapters.insight import SubjectInsight
from services.councils.adapters.privacy import NAMING, councils_eraser
from services.councils.adapters.private_store import (
    MASTER_KEY_ENV,
    PrivateCouncilsApplication,
    open_key_store,
)
from services.councils.application import CouncilCommands
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from services.councils.domain.council_privacy import ErasureReason
from shared.privacy import cli

CLI_ENDPOINT = "CLI pkraft councils export-subject"


def _open() -> tuple[PrivateCouncilsApplication, CouncilCommands]:
    app = build_application(CouncilsSettings())
    return app, CouncilCommands(app, max_batch=1, cache_size=1)


def erase_subject(
    subject: str = typer.Option(..., "--subject", help=f"{NAMING.forms}."),
    reason: ErasureReason = typer.Option(..., "--reason", help="Why (a code)."),
    actor: str = typer.Option("", help="Who erases (default: the OS user)."),
) -> None:
    """Erase a councils data subject: destroy the key, record SubjectErased."""
    cli.erase(_open, councils_eraser, subject, reason.value, actor)


def export_subject(
    subject: str = typer.Option(..., "--subject", help=f"{NAMING.forms}."),
    html: bool = typer.Option(False, "--html", help="A readable HTML page (Danish), not JSON."),
    actor: str = typer.Option("", help="Who asks (default: the OS user)."),
) -> None:
    """Everything the councils service stores about a subject, where it was sent and who
    read it (GDPR art. 15); the export is itself logged."""
    app = build_application(CouncilsSettings())
    cli.print_export(app, SubjectInsight, subject, html, actor, CLI_ENDPOINT)


def access_log_verify() -> None:
    """Recompute the chain of the councils access log; name every altered or missing row."""
    cli.verify_access_log(CouncilsSettings().database_url)


def rotate_master_key(
    new_key_file: Path = typer.Option(
        ..., "--new-key-file", help="The new master key (created when the file does not exist)."
    ),
) -> None:
    """Rewrap every councils data key under a new master key (nothing else is rewritten)."""
    settings = CouncilsSettings()
    cli.rotate(lambda: open_key_store(settings), new_key_file, MASTER_KEY_ENV, "councils")
