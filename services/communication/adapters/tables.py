"""The communication service's tables as SQLAlchemy Core ``Table`` objects, for
statements (``shared.sqldb`` compiles them for SQLite or PostgreSQL). They describe the
schema the migrations make (``migrations/versions``); they never create it."""

from __future__ import annotations

import sqlalchemy as sa

meta = sa.MetaData()


def _text(name: str, *, key: bool = False, null: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text, primary_key=key, nullable=null)


inbox = sa.Table("comm_inbox", meta, _text("ce_id", key=True), _text("received_at"))
cases = sa.Table("comm_cases", meta, _text("case_id", key=True), _text("tilbud_id"), _text("data"))
messages = sa.Table(
    "comm_messages",
    meta,
    _text("message_id", key=True),
    _text("rule"),
    _text("trigger_id"),
    _text("template"),
    _text("case_id", null=True),
    _text("tilbud_id", null=True),
    _text("recipient_type"),
    _text("recipient_id"),
    _text("channel", null=True),
    _text("address", null=True),
    _text("consent_scope", null=True),
    _text("subject"),
    _text("body_text"),
    _text("body_html"),
    _text("status"),
    sa.Column("attempts", sa.Integer, nullable=False),
    _text("next_attempt_at"),
    _text("lease_until", null=True),
    _text("last_error", null=True),
    _text("created_at"),
    _text("sent_at", null=True),
    _text("context"),
)
timers = sa.Table(
    "comm_timers",
    meta,
    _text("timer_id", key=True),
    _text("kind"),
    _text("due_at"),
    _text("case_id"),
    _text("payload"),
    _text("state"),
)
records = sa.Table(
    "comm_records", meta, _text("kind", key=True), _text("key", key=True), _text("data")
)
outbox = sa.Table(
    "comm_outbox",
    meta,
    sa.Column("position", sa.BigInteger, primary_key=True),
    _text("ce_id"),
    _text("ce_type"),
    _text("subject"),
    _text("occurred_at"),
    _text("data"),
)
evening_starts = sa.Table(
    "comm_evening_starts", meta, _text("evening_id", key=True), _text("starts_at")
)
followed = sa.Table(
    "comm_followed",
    meta,
    _text("name", key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
)
