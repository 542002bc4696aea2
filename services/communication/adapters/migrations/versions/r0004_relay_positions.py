"""The relay's tables: how far the outbox relay got (``pkraft_relay_positions``) and
which incarnation of the store wrote which entries (``pkraft_store_incarnations``, set by
``pkraft store restored``), as ``shared.relay.positions`` reads them. Until this revision
the relay made them itself at start, so ``IF NOT EXISTS``: a database a relay already ran
on keeps its rows. The relay's lock is an advisory lock or a file (no table); the data
keys are r0002's. Frozen: never edit a released revision."""

from __future__ import annotations

from alembic import op

revision = "r0004"
down_revision = "r0003"

BIGINT = {"sqlite": "INTEGER", "postgresql": "BIGINT"}


def upgrade() -> None:
    bigint = BIGINT[op.get_bind().dialect.name]
    op.execute(
        "CREATE TABLE IF NOT EXISTS pkraft_relay_positions "
        f"(relay TEXT PRIMARY KEY, position {bigint} NOT NULL)"
    )
    op.execute(
        f"CREATE TABLE IF NOT EXISTS pkraft_store_incarnations (incarnation {bigint} "
        f"PRIMARY KEY, first_notification {bigint} NOT NULL, marked_at TEXT NOT NULL)"
    )
