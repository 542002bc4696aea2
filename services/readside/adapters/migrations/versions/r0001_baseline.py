"""Baseline: the read side's durable tables as release 7728eb6 made them.

The audit copy (``rs_audit`` and its chain heads), meta data, offsets and the relays'
checkpoints. ``IF NOT EXISTS`` throughout: a database made before migrations existed is
taken over as it is. Projection tables (``rs_g<N>_*``) are derived, not migrated."""

from __future__ import annotations

from alembic import op

revision = "r0001"
down_revision = None

STATEMENTS = [
    "CREATE TABLE IF NOT EXISTS rs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS rs_audit (
        seq BIGINT PRIMARY KEY, topic TEXT NOT NULL, kafka_partition INTEGER NOT NULL,
        kafka_offset BIGINT NOT NULL, ce_id TEXT NOT NULL, ce_type TEXT NOT NULL,
        source TEXT NOT NULL, service TEXT NOT NULL, aggregate_id TEXT NOT NULL,
        aggregate_version BIGINT, case_id TEXT, tilbud_id TEXT, occurred_at TEXT NOT NULL,
        actor TEXT NOT NULL, reason TEXT, recorded_at TEXT NOT NULL, data TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
        prev_aggregate_hash TEXT NOT NULL, aggregate_hash TEXT NOT NULL,
        UNIQUE (topic, ce_id))""",
    "CREATE INDEX IF NOT EXISTS rs_audit_aggregate ON rs_audit (aggregate_id, seq)",
    "CREATE INDEX IF NOT EXISTS rs_audit_case ON rs_audit (case_id, seq)",
    "CREATE TABLE IF NOT EXISTS rs_audit_heads "
    "(chain TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rs_offsets (topic TEXT NOT NULL, kafka_partition INTEGER "
    "NOT NULL, kafka_offset BIGINT NOT NULL, PRIMARY KEY (topic, kafka_partition))",
    "CREATE TABLE IF NOT EXISTS rs_checkpoints (topic TEXT NOT NULL, ce_id TEXT NOT NULL, "
    "service TEXT NOT NULL, received BIGINT NOT NULL, recorded_at TEXT NOT NULL, "
    "data TEXT NOT NULL, PRIMARY KEY (topic, ce_id))",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)
