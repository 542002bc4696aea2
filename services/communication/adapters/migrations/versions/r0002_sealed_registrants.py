"""Theme-evening registrants sealed: their name and e-mail, kept in plain text in
``comm_evenings`` (and in the address and context of their queued messages) by r0001's
release, are sealed in place under a data key per sign-up (``pkraft_subject_keys``,
wrapped by the communication master key); a cancelled sign-up's fields are dropped.

Safe twice and on an empty database (a value sealed already is left as it is); a plain
value to seal without the master key stops the upgrade (nothing is written). On SQLite
``secure_delete`` overwrites the plain text's old bytes instead of leaving them in free
space. Frozen: never edit a released revision."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from services.communication.adapters.evening_rows import seal_message, sealed_evening
from services.communication.adapters.registrant_keys import MIGRATION_MASTER, RegistrantKeys

revision = "r0002"
down_revision = "r0001"

KEYS = [  # as shared.privacy.keystore makes them
    "CREATE TABLE IF NOT EXISTS pkraft_subject_keys (subject_id TEXT PRIMARY KEY, "
    "aggregate_id TEXT NOT NULL, wrapped_key TEXT, master_key_id TEXT, "
    "created_at TEXT NOT NULL, erased_at TEXT, erased_by TEXT, reason TEXT)",
    "CREATE INDEX IF NOT EXISTS pkraft_subject_keys_erased ON pkraft_subject_keys "
    "(aggregate_id) WHERE erased_at IS NOT NULL",
]
MESSAGE = ["message_id", "recipient_type", "trigger_id", "recipient_id", "address", "context"]


class _Sql:
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


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("PRAGMA secure_delete = ON")
    for statement in KEYS:
        op.execute(statement)
    sql = _Sql(bind)
    keys = RegistrantKeys(MIGRATION_MASTER.get(), sql)
    for evening_id, data in sql.all("SELECT evening_id, data FROM comm_evenings"):
        stored = json.dumps(sealed_evening(json.loads(data), keys))
        if stored != data:
            sql.run("UPDATE comm_evenings SET data = ? WHERE evening_id = ?", (stored, evening_id))
    marks = ", ".join(MESSAGE)
    found = sql.all(f"SELECT {marks} FROM comm_messages WHERE recipient_type = 'registrant'")
    for row in found:
        values = dict(zip(MESSAGE, row, strict=True))
        sealed = seal_message(values, keys)
        if sealed != values:
            sql.run(
                "UPDATE comm_messages SET address = ?, context = ? WHERE message_id = ?",
                (sealed["address"], sealed["context"], values["message_id"]),
            )
