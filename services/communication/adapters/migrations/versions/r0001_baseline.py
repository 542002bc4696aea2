"""Baseline: the communication service's tables as release 7728eb6 made them.

Inbox, case projection, messages, timers, theme evenings, records (newsletters, survey
rounds and answers, adopted code-of-conduct versions) and the outbox. ``IF NOT EXISTS``
throughout: a database made before migrations existed is taken over as it is. A store
older still (names and addresses kept here, before the messages' ``context`` column) is
brought to what 7728eb6's start made of it: the column added, relatives' finished
messages and the case views scrubbed. Frozen: never edit a released revision."""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "r0001"
down_revision = None

TABLES = [
    "CREATE TABLE IF NOT EXISTS comm_inbox (ce_id TEXT PRIMARY KEY, received_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS comm_cases (case_id TEXT PRIMARY KEY, tilbud_id TEXT NOT NULL, "
    "data TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS comm_cases_tilbud ON comm_cases (tilbud_id)",
    "CREATE TABLE IF NOT EXISTS comm_messages (message_id TEXT PRIMARY KEY, rule TEXT NOT NULL, "
    "trigger_id TEXT NOT NULL, template TEXT NOT NULL, case_id TEXT, tilbud_id TEXT, "
    "recipient_type TEXT NOT NULL, recipient_id TEXT NOT NULL, channel TEXT, address TEXT, "
    "consent_scope TEXT, subject TEXT NOT NULL, body_text TEXT NOT NULL, "
    "body_html TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
    "next_attempt_at TEXT NOT NULL, lease_until TEXT, last_error TEXT, "
    "created_at TEXT NOT NULL, sent_at TEXT, context TEXT NOT NULL DEFAULT '{}')",
    "CREATE INDEX IF NOT EXISTS comm_messages_due ON comm_messages (status, next_attempt_at)",
    "CREATE INDEX IF NOT EXISTS comm_messages_case ON comm_messages (case_id, recipient_id)",
    "CREATE TABLE IF NOT EXISTS comm_timers (timer_id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
    "due_at TEXT NOT NULL, case_id TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS comm_timers_due ON comm_timers (state, due_at)",
    "CREATE TABLE IF NOT EXISTS comm_evenings (evening_id TEXT PRIMARY KEY, "
    "version INTEGER NOT NULL, data TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS comm_records (kind TEXT NOT NULL, key TEXT NOT NULL, "
    "data TEXT NOT NULL, PRIMARY KEY (kind, key))",
]
OUTBOX = {
    "sqlite": "CREATE TABLE IF NOT EXISTS comm_outbox (position INTEGER PRIMARY KEY "
    "AUTOINCREMENT, ce_id TEXT NOT NULL UNIQUE, ce_type TEXT NOT NULL, subject TEXT NOT NULL, "
    "occurred_at TEXT NOT NULL, data TEXT NOT NULL)",
    "postgresql": "CREATE TABLE IF NOT EXISTS comm_outbox (position BIGSERIAL PRIMARY KEY, "
    "ce_id TEXT NOT NULL UNIQUE, ce_type TEXT NOT NULL, subject TEXT NOT NULL, "
    "occurred_at TEXT NOT NULL, data TEXT NOT NULL)",
}
# What a relative of the case view held at 7728eb6 (ids and codes; earlier stores also
# kept the name and the addresses, dropped here).
RELATIVE_FIELDS = {
    "relative_id",
    "channel_kinds",
    "preferred_channel",
    "removed",
    "consents",
    "preferences",
}


def upgrade() -> None:
    bind = op.get_bind()
    for statement in [*TABLES, OUTBOX[bind.dialect.name]]:
        op.execute(statement)
    columns = {c["name"] for c in sa.inspect(bind).get_columns("comm_messages")}
    if "context" not in columns:
        _scrub_store_kept_names(bind)


def _scrub_store_kept_names(bind: sa.Connection) -> None:
    op.execute("ALTER TABLE comm_messages ADD COLUMN context TEXT NOT NULL DEFAULT '{}'")
    op.execute(
        "UPDATE comm_messages SET address = NULL, body_text = '', body_html = '' "
        "WHERE recipient_type = 'relative' AND status IN ('sent', 'failed', 'suppressed')"
    )
    for case_id, data in bind.execute(sa.text("SELECT case_id, data FROM comm_cases")).all():
        view = json.loads(data)
        view["relatives"] = {
            rid: {k: v for k, v in r.items() if k in RELATIVE_FIELDS}
            for rid, r in view.get("relatives", {}).items()
        }
        bind.execute(
            sa.text("UPDATE comm_cases SET data = :data WHERE case_id = :case_id"),
            {"data": json.dumps(view), "case_id": case_id},
        )
