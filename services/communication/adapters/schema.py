"""Tables of the communication service (SQLite and PostgreSQL)."""

from __future__ import annotations

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
    "postgres": "CREATE TABLE IF NOT EXISTS comm_outbox (position BIGSERIAL PRIMARY KEY, "
    "ce_id TEXT NOT NULL UNIQUE, ce_type TEXT NOT NULL, subject TEXT NOT NULL, "
    "occurred_at TEXT NOT NULL, data TEXT NOT NULL)",
}

# Outbox writers take this lock so positions become visible in commit order: the relay
# never skips a position that a slower transaction commits later.
OUTBOX_LOCK_KEY = 724_310_004
# ... and NOTIFY this channel at commit: the relay LISTENs on it (PostgreSQL).
OUTBOX_CHANNEL = "comm_outbox"
