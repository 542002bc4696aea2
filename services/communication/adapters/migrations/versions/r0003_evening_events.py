"""Theme evenings become event-sourced: each ``comm_evenings`` row becomes one
``CarriedOver`` event at the row's version in the evening store (the eventsourcing
library's table: ``stored_events`` on SQLite, ``theme_evenings_events`` on PostgreSQL,
made here as the library makes it), carrying its sign-ups with their name and e-mail
sealed as r0002 left them (not opened: the ciphertext moves as it is); the list of
evenings by start (``comm_evening_starts``) and the follower's position
(``comm_followed``) are made, and ``comm_evenings`` is dropped.

Safe on an empty database; the event of an evening carried over already is not written
twice. Frozen: never edit a released revision (names of classes are written out, not
imported, so the domain may change without changing what this revision writes)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from eventsourcing.persistence import DatetimeAsISO, DecimalAsStr, JSONTranscoder, UUIDAsHex

from services.communication.adapters.evening_rows import sealed_evening
from services.communication.adapters.registrant_keys import MIGRATION_MASTER, RegistrantKeys

revision = "r0003"
down_revision = "r0002"

NAMESPACE = uuid.UUID("0d3f5c1e-7a52-4b8e-9c1d-3e6b2f4a8c07")  # domain/theme_evening.py
AGGREGATE = "services.communication.domain.theme_evening:ThemeEvening"
TOPIC = AGGREGATE + ".CarriedOver"
FIELDS = ("title", "topic", "organiser", "organiser_name", "starts_at", "location", "capacity")
SIGN_UP = ("registration_id", "name", "email", "status", "registered_at")
EVENTS = {  # as eventsourcing 9.5 makes its application table (it adds the rest)
    "sqlite": "CREATE TABLE IF NOT EXISTS stored_events (originator_id TEXT, "
    "originator_version INTEGER, topic TEXT, state BLOB, "
    "PRIMARY KEY (originator_id, originator_version))",
    "postgresql": "CREATE TABLE IF NOT EXISTS theme_evenings_events (originator_id uuid NOT "
    "NULL, originator_version bigint NOT NULL, topic text, state bytea, notification_id "
    "bigserial, PRIMARY KEY (originator_id, originator_version))",
}


class Sql:
    """``all``/``run`` with ``?`` marks on the migration's connection."""

    def __init__(self, bind: sa.Connection) -> None:
        self.bind = bind
        self.postgres = bind.dialect.name == "postgresql"

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def all(self, sql: str, params: Any = ()) -> list[Any]:
        return list(self.bind.exec_driver_sql(self._sql(sql), tuple(params)).all())

    def run(self, sql: str, params: Any = ()) -> int:
        return int(self.bind.exec_driver_sql(self._sql(sql), tuple(params)).rowcount)


def _transcoder() -> JSONTranscoder:
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    return transcoder


def _stamp(starts_at: str) -> str:
    at = datetime.fromisoformat(starts_at)
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.execute(EVENTS[dialect])
    op.create_table(
        "comm_evening_starts",
        sa.Column("evening_id", sa.Text, primary_key=True),
        sa.Column("starts_at", sa.Text, nullable=False),
    )
    op.create_index("comm_evening_starts_at", "comm_evening_starts", ["starts_at"])
    op.create_table(
        "comm_followed",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("position", sa.BigInteger, nullable=False),
    )
    table = "stored_events" if dialect == "sqlite" else "theme_evenings_events"
    sql = Sql(bind)
    keys = RegistrantKeys(MIGRATION_MASTER.get(), sql)
    transcoder = _transcoder()
    for evening_id, version, data in sql.all(
        "SELECT evening_id, version, data FROM comm_evenings ORDER BY evening_id"
    ):
        row = sealed_evening(json.loads(data), keys)  # sealed already: left as it is
        aggregate_id = uuid.uuid5(NAMESPACE, evening_id)
        key = aggregate_id.hex if dialect == "sqlite" else aggregate_id
        state = {
            "timestamp": datetime.now(UTC),
            "originator_topic": AGGREGATE,
            "evening_id": evening_id,
            **{f: row[f] for f in FIELDS},
            "status": row["status"],
            "registrations": [{f: r.get(f) for f in SIGN_UP} for r in row["registrations"]],
        }
        sql.run(
            f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (key, int(version), TOPIC, transcoder.encode(state)),
        )
        sql.run(
            "INSERT INTO comm_evening_starts (evening_id, starts_at) VALUES (?, ?) "
            "ON CONFLICT DO NOTHING",
            (evening_id, _stamp(row["starts_at"])),
        )
    op.drop_table("comm_evenings")
