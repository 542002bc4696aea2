"""What every service's command line does about its schema: ``pkraft <service> migrate``
(bring the database to this release's revision), and a process that finds its database
behind (outside dev mode) stopping with exit code 2 and the command that upgrades it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from shared.migrations import SchemaBehind, upgrade


@contextmanager
def schema_checked(service: str) -> Iterator[None]:
    """A database behind this release's schema stops the process (exit 2) with the
    command that upgrades it, not a traceback."""
    try:
        yield
    except SchemaBehind as exc:
        typer.echo(f"{service}: {exc}", err=True)
        raise typer.Exit(2) from None


def migrate_command(
    service: str, database_url: Callable[[], str], migrations: Path
) -> Callable[[], None]:
    """The ``migrate`` command of ``service`` (its database URL read when it runs)."""

    def migrate() -> None:
        say_migrated(service, *upgrade(database_url(), migrations))

    migrate.__doc__ = (
        f"Bring the {service} database to this release's schema (idempotent; safe while "
        f"other {service} processes run: they wait for the schema lock)."
    )
    return migrate


def say_migrated(service: str, before: str | None, after: str | None) -> None:
    """What ``pkraft <service> migrate`` did, in one line."""
    if before == after:
        typer.echo(f"{service} schema: at {after}, nothing to do")
    else:
        typer.echo(f"{service} schema: {before or 'none'} -> {after}")
