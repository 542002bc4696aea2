"""Record chains per topic partition: two consumers of one group (each with its own
partitions) append to different chains and never wait on one global head.

Every audit row names its record chain (``chain``: ``*`` for every row kept so far, the
one global chain of before; ``<topic>#<partition>`` from now on) and its place on it
(``chain_seq``: for ``*`` its ``seq``, which was 1, 2, ... there). Each head says how
long its chain is. ``seq`` stays unique and ordered but is drawn from a sequence on
PostgreSQL (``rs_audit_seq``, starting after the last one kept), so two appenders do not
serialise on it; see docs/audit.md for the recipe and what ``seq`` order means now."""

from __future__ import annotations

from alembic import op

revision = "r0003"
down_revision = "r0002"


def upgrade() -> None:
    op.execute("ALTER TABLE rs_audit ADD COLUMN chain TEXT NOT NULL DEFAULT '*'")
    op.execute("ALTER TABLE rs_audit ADD COLUMN chain_seq BIGINT NOT NULL DEFAULT 0")
    op.execute("UPDATE rs_audit SET chain_seq = seq")
    op.execute("CREATE UNIQUE INDEX rs_audit_chain ON rs_audit (chain, chain_seq)")
    op.execute("ALTER TABLE rs_audit_heads ADD COLUMN chain_seq BIGINT NOT NULL DEFAULT 0")
    op.execute("UPDATE rs_audit_heads SET chain_seq = seq WHERE chain = '*'")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE rs_audit_seq")
        op.execute(
            "SELECT setval('rs_audit_seq', (SELECT COALESCE(MAX(seq), 0) + 1 FROM rs_audit), false)"
        )
