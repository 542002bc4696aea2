"""``pkraft readside ...`` (processes, rebuild) and ``pkraft audit ...`` (replay, verify,
export, verify-export)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from uuid import UUID

import typer

from services.readside.config import ReadsideSettings
from shared.errors import DomainError
from shared.process_cli import run_process, serve_api
from shared.schema_cli import say_migrated, schema_checked

cli = typer.Typer(help="The read side: projections and read API.", no_args_is_help=True)
audit_cli = typer.Typer(help="The audit trail: replay, verify, export.", no_args_is_help=True)


@cli.command()
def api() -> None:
    """Serve the read API (port 8104 by default)."""
    from services.readside.entrypoints.api import create_app

    serve_api("readside-api", ReadsideSettings(), create_app)


@cli.command()
def consumer() -> None:
    """Consume every service's topic into the audit store and the projections."""
    from services.readside.entrypoints.consumer import run_consumer

    run_process("readside-consumer", ReadsideSettings(), run_consumer)


@cli.command()
def migrate() -> None:
    """Bring the read side's database to this release's schema (idempotent; safe while
    other read-side processes run: they wait for the schema lock)."""
    from services.readside.adapters.schema import migrate as run_migrate
    from shared.sqldb import Database

    db = Database(ReadsideSettings().database_url)
    try:
        before, after = run_migrate(db)
    finally:
        db.close()
    say_migrated("readside", before, after)


@cli.command()
def rebuild(
    keep_old: bool = typer.Option(False, help="Keep the previous generation's tables."),
) -> None:
    """Rebuild every projection from the audit log beside the live ones, then switch."""
    from rich.progress import Progress

    from services.readside.adapters.rebuild import rebuild as run_rebuild
    from services.readside.adapters.schema import prepare
    from shared.sqldb import Database

    settings = ReadsideSettings()
    db = Database(settings.database_url)
    with schema_checked("readside"):
        prepare(db, upgrade=settings.common.dev_mode)
    with Progress() as bar:
        task = bar.add_task("rebuilding projections", total=None)
        result = run_rebuild(
            db,
            settings.rebuild_batch_size,
            lambda done, total: bar.update(task, completed=done, total=total),
            keep_old,
        )
    db.close()
    typer.echo(
        f"generation {result.previous_generation} -> {result.generation}: "
        f"{result.events} events projected ({result.unparseable} unparseable)"
    )


def _fail(exc: DomainError) -> None:
    typer.echo(
        json.dumps({"code": exc.code, "message": exc.message, "details": exc.details}), err=True
    )
    raise typer.Exit(2)


@audit_cli.command()
def replay(
    case_id: UUID,
    as_of: str = typer.Option(None, "--as-of", help="A version (12) or an ISO 8601 time."),
    compare_to: str = typer.Option(None, "--compare-to", help="A second point: show the diff."),
) -> None:
    """A case's state at a point, asked of the cases API (and the diff to another)."""
    from services.readside.bootstrap import build

    service = build(ReadsideSettings())
    try:
        replayer = service.audit.replayer()
        result = (
            replayer.state(case_id, as_of)
            if compare_to is None
            else replayer.compare(case_id, as_of, compare_to)
        )
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    except DomainError as exc:
        _fail(exc)
    finally:
        service.close()


@audit_cli.command()
def verify() -> None:
    """Recompute every hash chain; compare the audit store with the cases and councils
    services' published events, as their APIs list them."""
    from services.readside.bootstrap import build

    service = build(ReadsideSettings())
    try:
        report = service.audit.verify()
    except DomainError as exc:
        _fail(exc)
        return
    finally:
        service.close()
    typer.echo(json.dumps(report.as_dict(), indent=2))
    raise typer.Exit(0 if report.ok else 1)


@audit_cli.command()
def export(
    case_id: UUID,
    format: str = typer.Option("jsonl", "--format", help="jsonl or csv."),
) -> None:
    """A case's full audited history (for an auditor or an access request)."""
    from services.readside.bootstrap import build

    service = build(ReadsideSettings())
    try:
        sys.stdout.write(service.audit.export(str(case_id), format))
    except DomainError as exc:
        _fail(exc)
    finally:
        service.close()


@audit_cli.command("verify-export")
def verify_export(
    file: Path = typer.Argument(..., help="A JSON Lines file from `pkraft audit export`."),
) -> None:
    """Re-check an exported history offline (no database, no settings): every record's
    hashes, every aggregate chain's links and each record chain (topic partition) as far
    as the file holds it (``unlinked``: its places between the file's lines). Exit code 0
    when nothing was found, 1 otherwise."""
    from services.readside.domain.export_check import check_export

    try:
        with file.open("rb") as lines:
            report = check_export(lines)
    except OSError as exc:
        _fail(DomainError("not_readable", "the file cannot be read", error=type(exc).__name__))
        return
    typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    raise typer.Exit(0 if report.ok else 1)
