"""The read side's schema at start: its durable tables by migration (Alembic revisions
in ``migrations/versions``), then the active generation's projection tables."""

from __future__ import annotations

from pathlib import Path

from services.readside.adapters.meta import ensure_schema
from services.readside.adapters.tables import Tables
from shared import migrations
from shared.sqldb import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def prepare(db: Database, *, upgrade: bool = True) -> Tables:
    """Migrate (or, with ``upgrade`` False, refuse a database that is behind) and make
    the projection tables."""
    migrations.prepare(db.url, MIGRATIONS, upgrade_now=upgrade, service="readside")
    with db.write() as tx:
        return ensure_schema(tx)


def migrate(db: Database) -> tuple[str | None, str | None]:
    """``pkraft readside migrate``: bring the database to this release's schema."""
    before, after = migrations.upgrade(db.url, MIGRATIONS)
    prepare(db)
    return before, after
