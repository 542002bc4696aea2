"""``pkraft councils erase-subject``, ``access-log-verify`` and ``rotate-master-key``: the
operator's side of the councils service's per-person keys and access log."""

from __future__ import annotations

import asyncio
import getpass
import json
from pathlib import Path
from typing import Any

import typer

from services.councils.adapters.erasure import SubjectEraser
from services.councils.adapters.private_store import MASTER_KEY_ENV, open_key_store
from services.councils.application import CouncilCommands
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from services.councils.domain.council_privacy import ErasureReason
from shared.errors import DomainError
from shared.eventstore import StoreUrl
from shared.privacy.access_log import AccessLog
from shared.privacy.envelope import MasterKey, MasterKeyError, write_key_file
from shared.sqldb import Database


def erase_subject(
    subject: str = typer.Option(
        ...,
        "--subject",
        help="person:<council id>:<person_ref>, text:<council id> or "
        "text:<pool id>:<application id>.",
    ),
    reason: ErasureReason = typer.Option(..., "--reason", help="Why (a code)."),
    actor: str = typer.Option("", help="Who erases (default: the OS user)."),
) -> None:
    """Erase a councils data subject: destroy the key, record SubjectErased."""
    settings = CouncilsSettings()
    try:
        outcome = asyncio.run(_erase(settings, subject, reason.value, actor or getpass.getuser()))
    except DomainError as exc:
        typer.echo(f"! {exc.code}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(outcome))


async def _erase(
    settings: CouncilsSettings, subject: str, reason: str, actor: str
) -> dict[str, Any]:
    app = build_application(settings)
    commands = CouncilCommands(app, max_batch=1, cache_size=1)
    commands.committer.start()
    try:
        return await SubjectEraser(app, commands).erase(subject, reason, actor)
    finally:
        await asyncio.to_thread(commands.committer.stop)
        app.close()


def access_log_verify() -> None:
    """Recompute the chain of the councils access log; name every altered or missing row."""
    settings = CouncilsSettings()
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


def rotate_master_key(
    new_key_file: Path = typer.Option(
        ..., "--new-key-file", help="The new master key (created when the file does not exist)."
    ),
) -> None:
    """Rewrap every councils data key under a new master key (nothing else is rewritten)."""
    settings = CouncilsSettings()
    try:
        keys = open_key_store(settings)
        if not new_key_file.exists():
            write_key_file(new_key_file, MasterKey.generate())
        count = keys.rotate(MasterKey.from_file(new_key_file))
        keys.close()
    except MasterKeyError as exc:
        typer.echo(f"! {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"rewrapped {count} data keys under {new_key_file}; set {MASTER_KEY_ENV}={new_key_file} "
        "and restart the councils processes, then destroy the old key file"
    )
