"""The access log (``pkraft_access_log``, ``shared.privacy.access_log``): who read a
theme-evening registrant's name and e-mail, when, where and which registrants, hash
chained. The same table, index and append-only guards (an UPDATE or DELETE refused by a
trigger, SQLite and PostgreSQL) as the cases and the councils service's r0001 make, from
the same frozen statements (``shared.store_tables``); ``IF NOT EXISTS`` throughout.
And an index of the messages by trigger and status, for the survey rounds' invitations
counted per round (``GET /survey-rounds``). Frozen: never edit a released revision."""

from __future__ import annotations

from alembic import op

from shared.store_tables import ACCESS_LOG, GUARDS

revision = "r0005"
down_revision = "r0004"


MESSAGES_BY_TRIGGER = (
    "CREATE INDEX IF NOT EXISTS comm_messages_trigger ON comm_messages (trigger_id, status)"
)


def upgrade() -> None:
    for statement in [*ACCESS_LOG, *GUARDS[op.get_bind().dialect.name], MESSAGES_BY_TRIGGER]:
        op.execute(statement)
