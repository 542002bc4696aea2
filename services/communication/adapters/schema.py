"""The communication service's schema: its tables are made and changed by migrations
(Alembic revisions in ``migrations/versions``, plain SQL, on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from shared import migrations
from shared.eventstore import StoreUrl

MIGRATIONS = Path(__file__).parent / "migrations"

# Outbox writers take this lock so positions become visible in commit order: the relay
# never skips a position that a slower transaction commits later.
OUTBOX_LOCK_KEY = 724_310_004
# ... and NOTIFY this channel at commit: the relay LISTENs on it (PostgreSQL).
OUTBOX_CHANNEL = "comm_outbox"


def prepare(url: StoreUrl, *, upgrade: bool) -> None:
    """At start: migrate (dev mode) or refuse a database that is behind
    (``shared.migrations.SchemaBehind``, naming ``pkraft communication migrate``)."""
    migrations.prepare(url, MIGRATIONS, upgrade_now=upgrade, service="communication")


def migrate(url: StoreUrl) -> tuple[str | None, str | None]:
    """``pkraft communication migrate``: bring the database to this release's schema;
    returns the revisions (before, after)."""
    return migrations.upgrade(url, MIGRATIONS)
