"""The communication service's schema: its tables are made and changed by migrations
(Alembic revisions in ``migrations/versions``, plain SQL, on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from services.communication.adapters.registrant_keys import MIGRATION_MASTER
from shared import migrations
from shared.eventstore import StoreUrl
from shared.privacy.envelope import MasterKey

MIGRATIONS = Path(__file__).parent / "migrations"

# Outbox writers take this lock so positions become visible in commit order: the relay
# never skips a position that a slower transaction commits later.
OUTBOX_LOCK_KEY = 724_310_004
# ... and NOTIFY this channel at commit: the relay LISTENs on it (PostgreSQL).
OUTBOX_CHANNEL = "comm_outbox"


def prepare(url: StoreUrl, *, upgrade: bool, master: MasterKey | None = None) -> None:
    """At start: migrate (dev mode) or refuse a database that is behind
    (``shared.migrations.SchemaBehind``, naming ``pkraft communication migrate``).
    ``master`` is the key r0002 seals registrants' plain fields with."""
    token = MIGRATION_MASTER.set(master)
    try:
        migrations.prepare(url, MIGRATIONS, upgrade_now=upgrade, service="communication")
    finally:
        MIGRATION_MASTER.reset(token)


def migrate(url: StoreUrl, master: MasterKey | None = None) -> tuple[str | None, str | None]:
    """``pkraft communication migrate``: bring the database to this release's schema;
    returns the revisions (before, after)."""
    token = MIGRATION_MASTER.set(master)
    try:
        return migrations.upgrade(url, MIGRATIONS)
    finally:
        MIGRATION_MASTER.reset(token)
