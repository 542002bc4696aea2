"""The tables the shared modules keep beside an event store (relay positions and store
incarnations, ``shared.relay.positions``; data keys, ``shared.privacy.keystore``; the
access log, ``shared.privacy.access_log``), as release 6acd4e6 made them. Frozen: the
baseline revision (r0001) of the cases and the councils service applies exactly this, with
``IF NOT EXISTS`` throughout, so a database made before migrations existed is taken over
as it is. A later change to one of these tables is a new revision in each service."""

from __future__ import annotations

from alembic import op

KEYS = [
    "CREATE TABLE IF NOT EXISTS pkraft_subject_keys (subject_id TEXT PRIMARY KEY, "
    "aggregate_id TEXT NOT NULL, wrapped_key TEXT, master_key_id TEXT, "
    "created_at TEXT NOT NULL, erased_at TEXT, erased_by TEXT, reason TEXT)",
    "CREATE INDEX IF NOT EXISTS pkraft_subject_keys_erased ON pkraft_subject_keys "
    "(aggregate_id) WHERE erased_at IS NOT NULL",
]
ACCESS_LOG = [
    "CREATE TABLE IF NOT EXISTS pkraft_access_log (seq BIGINT PRIMARY KEY, "
    "read_at TEXT NOT NULL, actor TEXT NOT NULL, roles TEXT NOT NULL, endpoint TEXT NOT NULL, "
    "case_id TEXT, subjects TEXT NOT NULL, correlation_id TEXT, prev_hash TEXT NOT NULL, "
    "hash TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pkraft_access_log_case ON pkraft_access_log (case_id, seq)",
]
GUARDS = {  # the access log is append-only in the database too
    "sqlite": [
        f"CREATE TRIGGER IF NOT EXISTS pkraft_access_log_no_{what} BEFORE {what.upper()} "
        "ON pkraft_access_log BEGIN SELECT RAISE(ABORT, 'pkraft_access_log is append-only'); "
        "END"
        for what in ("update", "delete")
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION pkraft_access_log_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'pkraft_access_log is append-only'; "
        "END $$",
        "CREATE OR REPLACE TRIGGER pkraft_access_log_append_only BEFORE UPDATE OR DELETE ON "
        "pkraft_access_log FOR EACH ROW EXECUTE FUNCTION pkraft_access_log_append_only()",
    ],
}
BIGINT = {"sqlite": "INTEGER", "postgresql": "BIGINT"}


def positions(dialect: str) -> list[str]:
    bigint = BIGINT[dialect]
    return [
        "CREATE TABLE IF NOT EXISTS pkraft_relay_positions "
        f"(relay TEXT PRIMARY KEY, position {bigint} NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS pkraft_store_incarnations (incarnation {bigint} "
        f"PRIMARY KEY, first_notification {bigint} NOT NULL, marked_at TEXT NOT NULL)",
    ]


def upgrade_to_baseline() -> None:
    """Run in a revision: every table above on the revision's connection."""
    dialect = op.get_bind().dialect.name
    for statement in [*positions(dialect), *KEYS, *ACCESS_LOG, *GUARDS[dialect]]:
        op.execute(statement)
