"""Tables of the read side, declared once as SQLAlchemy Core tables in one ``metadata``:
the durable ones (audit store, meta data, checkpoints), made and changed by Alembic
revisions (``adapters/migrations``), and one set of projection tables per generation
(``rs_g<N>_*``, :func:`generation_tables`), so a rebuild can fill new tables beside the
live ones."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, Table, Text, UniqueConstraint
from sqlalchemy.schema import CreateIndex, CreateTable, DropTable

from services.readside.adapters.projection_tables import PROJECTIONS, indexes
from shared.sqldb import Tx

metadata = MetaData()


def _text(name: str, nullable: bool = False, primary_key: bool = False) -> Column[str]:
    return Column(name, Text, nullable=nullable, primary_key=primary_key)


rs_meta = Table("rs_meta", metadata, _text("key", primary_key=True), _text("value"))
rs_audit = Table(
    "rs_audit",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    _text("topic"),
    Column("kafka_partition", Integer, nullable=False),
    Column("kafka_offset", BigInteger, nullable=False),
    *(_text(c) for c in ("ce_id", "ce_type", "source", "service", "aggregate_id")),
    Column("aggregate_version", BigInteger),
    _text("case_id", True),
    _text("tilbud_id", True),
    _text("occurred_at"),
    _text("actor"),
    _text("reason", True),
    *(_text(c) for c in ("recorded_at", "data", "prev_hash", "hash")),
    *(_text(c) for c in ("prev_aggregate_hash", "aggregate_hash")),
    _text("chain"),  # its record chain: ``*`` or ``<topic>#<partition>`` (domain/chain.py)
    Column("chain_seq", BigInteger, nullable=False),  # its place on that chain: 1, 2, ...
    UniqueConstraint("topic", "ce_id"),
    Index("rs_audit_chain", "chain", "chain_seq", unique=True),
    Index("rs_audit_aggregate", "aggregate_id", "seq"),
    Index("rs_audit_case", "case_id", "seq"),
)
rs_audit_heads = Table(
    "rs_audit_heads",
    metadata,
    _text("chain", primary_key=True),
    Column("seq", BigInteger, nullable=False),
    _text("hash"),
    Column("chain_seq", BigInteger, nullable=False),  # a record chain's length; 0 otherwise
)
rs_checkpoints = Table(
    "rs_checkpoints",
    metadata,
    _text("topic", primary_key=True),
    _text("ce_id", primary_key=True),
    _text("service"),
    Column("received", BigInteger, nullable=False),
    _text("recorded_at"),
    _text("data"),
)
DURABLE = (rs_meta, rs_audit, rs_audit_heads, rs_checkpoints)


@dataclass(frozen=True)
class Tables:
    """The projection tables of one generation (``t.cases`` is ``rs_g2_cases``); one
    field per entry of ``projection_tables.PROJECTIONS`` (checked below, at import)."""

    generation: int
    case_incarnations: Table
    cases: Table
    complaints: Table
    levels: Table
    incidents: Table
    relatives: Table
    consents: Table
    messages: Table
    councils: Table
    council_members: Table
    pools: Table
    applications: Table
    activities: Table
    conduct_versions: Table
    conduct_acks: Table
    leader_hirings: Table
    trained_staff: Table
    contact_persons: Table
    involvements: Table
    survey_results: Table
    event_counts: Table

    def position_key(self, chain: str) -> str:
        """The rs_meta key holding the last ``chain_seq`` of record chain ``chain`` this
        generation has applied (one per chain: two consumers never write the same one)."""
        return f"{self.position_prefix}{chain}"

    @property
    def position_prefix(self) -> str:
        return f"g{self.generation}.audit."

    def all(self) -> list[Table]:
        return [getattr(self, name) for name in PROJECTIONS]


if {f.name for f in fields(Tables)} - {"generation"} != set(PROJECTIONS):
    raise TypeError("Tables and PROJECTIONS differ")  # a table added to one, not the other


@cache
def generation_tables(generation: int) -> Tables:
    """The projection tables of ``generation`` (declared once per process)."""
    made = {}
    for name, columns in PROJECTIONS.items():
        table = f"rs_g{generation}_{name}"
        made[name] = Table(table, metadata, *columns(), *indexes(table, name))
    return Tables(generation, **made)


def create_scratch_tables(tx: Tx) -> None:
    """``rs_meta`` in the rebuild's in-memory scratch database (elsewhere: migrations)."""
    tx.execute(CreateTable(rs_meta, if_not_exists=True))


def create_projection_tables(tx: Tx, generation: int) -> Tables:
    tables = generation_tables(generation)
    for table in tables.all():
        tx.execute(CreateTable(table, if_not_exists=True))
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            tx.execute(CreateIndex(index, if_not_exists=True))
    return tables


def drop_projection_tables(tx: Tx, generation: int) -> None:
    tables = generation_tables(generation)
    for table in tables.all():
        tx.execute(DropTable(table, if_exists=True))
    prefix = f"g{generation}.audit"  # the positions, and the one key of before (``_seq``)
    tx.run(rs_meta.delete().where(rs_meta.c.key.startswith(prefix, autoescape=True)))
