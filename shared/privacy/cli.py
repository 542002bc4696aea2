"""The operator's side of a service's per-person keys and access log, the same in every
service that keeps personal data: erase a subject, export one (logged as a read by the OS
user with role ``operator``), verify the access log's chain, rotate the master key."""

from __future__ import annotations

import asyncio
import getpass
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from shared.correlation import current_or_new
from shared.errors import DomainError
from shared.eventstore import StoreUrl
from shared.privacy.access_log import AccessEntry, AccessLog
from shared.privacy.envelope import MasterKey, MasterKeyError, write_key_file
from shared.privacy.erasure import SubjectEraser
from shared.privacy.insight import SubjectInsight
from shared.privacy.insight_html import render
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.subjects import require_known_now
from shared.sqldb import Database


def _refused(exc: DomainError) -> typer.Exit:
    typer.echo(f"! {exc.code}: {exc.message}", err=True)
    return typer.Exit(1)


def erase(
    open_app: Callable[[], tuple[Any, Any]],
    eraser: Callable[[Any, Any], SubjectEraser],
    subject: str,
    reason: str,
    actor: str,
) -> None:
    """Erase with a writer of its own for this one command (``open_app`` gives the
    application and its commands), then print the answer as JSON (exit 1 when refused)."""

    async def run() -> dict[str, Any]:
        app, commands = open_app()
        commands.committer.start()
        try:
            return await eraser(app, commands).erase(subject, reason, actor or getpass.getuser())
        finally:
            await asyncio.to_thread(commands.committer.stop)
            app.close()

    try:
        outcome = asyncio.run(run())
    except DomainError as exc:
        raise _refused(exc) from None
    typer.echo(json.dumps(outcome))


def print_export(
    app: Any, insight: type[SubjectInsight], subject: str, html: bool, actor: str, endpoint: str
) -> None:
    """Log the export as the operator's read, then print it (JSON, or the HTML page)."""
    try:
        if app.keys.db is None:
            raise DomainError("access_log_unavailable", "The access log has no database.")
        naming = insight.naming
        aggregate = naming.aggregate_of(subject)
        require_known_now(app.keys, subject)
        log = AccessLog(app.keys.db)
        log.append(
            AccessEntry(
                actor=actor or getpass.getuser(),
                roles=["operator"],
                endpoint=endpoint,
                case_id=aggregate,
                subjects=[subject],
                correlation_id=current_or_new(),
            )
        )
        found = insight(app, log).export(subject)
    except DomainError as exc:
        raise _refused(exc) from None
    finally:
        app.close()
    page = render(found, insight.wording, naming.aggregate_field) if html else None
    typer.echo(page or json.dumps(found, indent=2, ensure_ascii=False))


def verify_access_log(database_url: str) -> None:
    """Recompute the chain of the access log; name every altered or missing row."""
    db = Database(StoreUrl.parse(database_url), pool_size=1)
    try:
        report = AccessLog(db).verify()
    finally:
        db.close()
    typer.echo(json.dumps(report.as_dict(), indent=2))
    if not report.ok:
        for finding in report.findings:
            typer.echo(f"! row {finding.seq}: {finding.kind}: {finding.detail}", err=True)
        raise typer.Exit(1)


def rotate(
    open_keys: Callable[[], SubjectKeyStore], new_key_file: Path, env_name: str, service: str
) -> None:
    """Rewrap every data key under the key in ``new_key_file`` (made when missing)."""
    try:
        keys = open_keys()
        if not new_key_file.exists():
            write_key_file(new_key_file, MasterKey.generate())
        count = keys.rotate(MasterKey.from_file(new_key_file))
        keys.close()
    except MasterKeyError as exc:
        typer.echo(f"! {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"rewrapped {count} data keys under {new_key_file}; set {env_name}={new_key_file} "
        f"and restart the {service} processes, then destroy the old key file"
    )
