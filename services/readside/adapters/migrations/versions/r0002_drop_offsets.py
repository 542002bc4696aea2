"""``rs_offsets`` goes: it was written for every delivery and never read (repeats are
recognised by ``ce_id``; lag is the broker's consumer-group offsets)."""

from __future__ import annotations

from alembic import op

revision = "r0002"
down_revision = "r0001"


def upgrade() -> None:
    op.execute("DROP TABLE IF EXISTS rs_offsets")
