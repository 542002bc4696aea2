"""``pkraft privacy erase`` and ``pkraft cases rotate-master-key``: the operator's side of
the per-subject keys."""

from __future__ import annotations

import asyncio
import getpass
import json
from pathlib import Path

import typer

from services.cases.adapters.erasure import ErasureOutcome, SubjectEraser
from services.cases.adapters.master_key import MASTER_KEY_ENV, open_key_store
from services.cases.application import CaseCommands
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case_privacy import ErasureReason
from shared.errors import DomainError
from shared.privacy.envelope import MasterKey, MasterKeyError, write_key_file

privacy_cli = typer.Typer(help="Data subjects: erasure.", no_args_is_help=True)


@privacy_cli.command("erase")
def erase(
    subject: str = typer.Option(
        ..., "--subject", help="citizen:<case id> or relative:<case id>:<relative id>."
    ),
    reason: ErasureReason = typer.Option(..., "--reason", help="Why (a code)."),
    actor: str = typer.Option("", help="Who erases (default: the OS user)."),
) -> None:
    """Erase a data subject: destroy their data key, record SubjectErased on the case."""
    settings = CasesSettings()
    try:
        outcome = asyncio.run(_erase(settings, subject, reason.value, actor or getpass.getuser()))
    except DomainError as exc:
        typer.echo(f"! {exc.code}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(outcome.as_dict()))


async def _erase(settings: CasesSettings, subject: str, reason: str, actor: str) -> ErasureOutcome:
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key, max_batch=1, cache_size=1)
    commands.committer.start()
    try:
        return await SubjectEraser(app, commands).erase(subject, reason, actor)
    finally:
        await asyncio.to_thread(commands.committer.stop)
        app.close()


def rotate_master_key(
    new_key_file: Path = typer.Option(
        ..., "--new-key-file", help="The new master key (created when the file does not exist)."
    ),
) -> None:
    """Rewrap every data key under a new master key (nothing else is rewritten)."""
    settings = CasesSettings()
    try:
        keys = open_key_store(settings)
        if not new_key_file.exists():
            write_key_file(new_key_file, MasterKey.generate())
        new = MasterKey.from_file(new_key_file)
        count = keys.rotate(new)
    except MasterKeyError as exc:
        typer.echo(f"! {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"rewrapped {count} data keys under {new_key_file}; set {MASTER_KEY_ENV}={new_key_file} "
        "and restart the cases processes, then destroy the old key file"
    )
