"""``pkraft privacy erase`` and ``pkraft cases rotate-master-key``: the operator's side of
the per-subject keys (``shared.privacy.cli``)."""

from __future__ import annotations

from pathlib import Path

import typer

from services.cases.adapters.master_key import MASTER_KEY_ENV, open_key_store
from services.cases.adapters.privacy import NAMING, case_eraser
from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.application import CaseCommands
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case_privacy import ErasureReason
from shared.privacy import cli

privacy_cli = typer.Typer(help="Data subjects: erasure.", no_args_is_help=True)


def _open() -> tuple[PrivateCasesApplication, CaseCommands]:
    settings = CasesSettings()
    app = build_application(settings)
    return app, CaseCommands(app, settings.pseudonym_key, max_batch=1, cache_size=1)


@privacy_cli.command("erase")
def erase(
    subject: str = typer.Option(..., "--subject", help=f"{NAMING.forms}."),
    reason: ErasureReason = typer.Option(..., "--reason", help="Why (a code)."),
    actor: str = typer.Option("", help="Who erases (default: the OS user)."),
) -> None:
    """Erase a data subject: destroy their data key, record SubjectErased on the case."""
    cli.erase(_open, case_eraser, subject, reason.value, actor)


def rotate_master_key(
    new_key_file: Path = typer.Option(
        ..., "--new-key-file", help="The new master key (created when the file does not exist)."
    ),
) -> None:
    """Rewrap every data key under a new master key (nothing else is rewritten)."""
    settings = CasesSettings()
    cli.rotate(lambda: open_key_store(settings), new_key_file, MASTER_KEY_ENV, "cases")
