"""The append-only audit store: every event from every topic, hash-chained.

Each record is on one *record chain*, its topic partition's (``<topic>#<partition>``;
records kept before those existed stay on the one global chain ``*``), and on its
aggregate's chain (``<topic>|<aggregate id>``). The heads table holds each chain's last
hash, so appending a batch costs one read of the heads it touches, one insert of its
records and one upsert of the heads; two appenders with different partitions touch
different heads and never wait on each other. ``seq`` is unique and increases along
every chain, drawn after the heads are locked (a sequence on PostgreSQL), so appenders
on different chains may commit out of ``seq`` order: a reader that must not miss a
record follows each record chain by ``chain_seq`` (:func:`next_rows`).
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, insert, or_, select, true

from services.readside.adapters.statements import insert_rows
from services.readside.adapters.tables import rs_audit as a
from services.readside.adapters.tables import rs_audit_heads as h
from services.readside.domain.chain import (
    GENESIS,
    LEGACY,
    canonical_json,
    chain_key,
    is_record_chain,
    link,
    partition_chain,
)
from services.readside.domain.envelope import Envelope, short_type
from shared.sqldb import Tx

GLOBAL = LEGACY
NAMES = tuple(c.name for c in a.columns)


Query = tuple[Select[Any], dict[str, Any]]
Head = tuple[int, str, int]  # the last record's seq and hash, the chain's length


@dataclass
class Heads:
    """The heads a batch appends to (locked) and the ``seq`` values drawn for it."""

    last: dict[str, Head] = field(default_factory=dict)
    seqs: list[int] = field(default_factory=list)  # ascending; the unused ones are gaps

    def get(self, chain: str) -> Head:
        return self.last.get(chain, (0, GENESIS, 0))


# Built once: the per-batch path runs them with its values (``adapters/statements.py``).
_HEADS = select(h.c.chain, h.c.seq, h.c.hash, h.c.chain_seq)
_CHAIN_HEADS = (
    _HEADS.where(h.c.chain.in_(bindparam("chains", expanding=True)))
    .order_by(h.c.chain)
    .with_for_update()
)
_NEXTVAL = select(func.nextval("rs_audit_seq").label("seq")).select_from(
    func.generate_series(1, bindparam("n"))
)
_MAX_SEQ = select(func.coalesce(func.max(a.c.seq), 0).label("seq"))
_SEEN = select(a.c.topic, a.c.ce_id).where(
    a.c.topic == bindparam("topic"), a.c.ce_id.in_(bindparam("ids", expanding=True))
)
_INSERT = insert(a)


def claim_heads(tx: Tx, partitions: Iterable[str]) -> None:
    """Make sure the record chains' head rows exist (a new chain's row at genesis), so
    :func:`heads_queries` can lock them: two appenders of one new chain then wait for
    each other instead of both starting it."""
    rows = [{"chain": c, "seq": 0, "hash": GENESIS, "chain_seq": 0} for c in sorted(partitions)]
    insert_rows(tx, h, rows, on=("chain",))


def heads_queries(tx: Tx, chains: Sequence[str], n: int) -> list[Query]:
    """The reads that lock the ``chains``' heads (record and aggregate chains alike, in
    sorted order, so two appenders never wait on each other in a circle), then draw
    ``n`` seq values, for :func:`heads_from`. SQLite's write transaction is exclusive
    already (no FOR UPDATE there; the seq values follow the largest one kept)."""
    seqs = (_NEXTVAL, {"n": n}) if tx.postgres else (_MAX_SEQ, {})
    return [(_CHAIN_HEADS, {"chains": sorted(chains)}), seqs]


def heads_from(results: Sequence[Sequence[dict[str, Any]]], n: int, postgres: bool) -> Heads:
    """The heads and seq values read by :func:`heads_queries` (a chain not there yet
    starts at genesis)."""
    rows, drawn = results
    last = {str(r["chain"]): (int(r["seq"]), str(r["hash"]), int(r["chain_seq"])) for r in rows}
    if postgres:
        return Heads(last, sorted(int(r["seq"]) for r in drawn))
    top = int(drawn[0]["seq"])  # SQLite: the largest seq kept
    return Heads(last, list(range(top + 1, top + 1 + n)))


def batch_chains(envs: Iterable[Envelope]) -> tuple[set[str], set[str]]:
    """The record chains and the aggregate chains ``envs`` append to."""
    envs = list(envs)
    return (
        {partition_chain(e.topic, e.partition) for e in envs},
        {chain_key(e.topic, e.aggregate_id) for e in envs},
    )


def seen_queries(keys: Iterable[tuple[str, str]]) -> list[Query]:
    """The reads that find which ``(topic, ce_id)`` are already recorded (one per topic),
    for :func:`seen_from`."""
    by_topic: dict[str, list[str]] = {}
    for topic, ce_id in keys:
        by_topic.setdefault(topic, []).append(ce_id)
    return [(_SEEN, {"topic": topic, "ids": ids}) for topic, ids in by_topic.items()]


def seen_from(results: Sequence[Sequence[dict[str, Any]]]) -> set[tuple[str, str]]:
    return {(str(r["topic"]), str(r["ce_id"])) for rows in results for r in rows}


def seen(tx: Tx, topic: str, ce_id: str) -> bool:
    return bool(seen_from(tx.many_dicts(seen_queries([(topic, ce_id)]))))


def link_record(
    heads: Heads, env: Envelope, data: dict[str, Any], recorded_at: str
) -> dict[str, Any]:
    """The next record of its partition's chain and its aggregate's (with seq and
    hashes); ``heads`` moves past it. ``heads`` holds both chains' heads, if they have one."""
    chain = partition_chain(env.topic, env.partition)
    aggregate = chain_key(env.topic, env.aggregate_id)
    _, prev, length = heads.get(chain)
    prev_aggregate = heads.get(aggregate)[1]
    record: dict[str, Any] = {
        "seq": heads.seqs.pop(0),
        "topic": env.topic,
        "kafka_partition": env.partition,
        "kafka_offset": env.offset,
        "ce_id": env.ce_id,
        "ce_type": env.ce_type,
        "source": env.source,
        "service": env.service,
        "aggregate_id": env.aggregate_id,
        "aggregate_version": env.aggregate_version,
        "case_id": env.case_id,
        "tilbud_id": env.tilbud_id,
        "occurred_at": env.occurred_at,
        "actor": env.actor,
        "reason": env.reason,
        "recorded_at": recorded_at,
        "data": canonical_json(data),
        "prev_hash": prev,
        "prev_aggregate_hash": prev_aggregate,
        "chain": chain,
        "chain_seq": length + 1,
    }
    record["hash"] = link(prev, record)
    record["aggregate_hash"] = link(prev_aggregate, record)
    heads.last[chain] = (record["seq"], record["hash"], length + 1)
    heads.last[aggregate] = (record["seq"], record["aggregate_hash"], 0)
    return record


def write_records(tx: Tx, records: Sequence[dict[str, Any]], heads: Heads) -> None:
    """Insert ``records`` and move the heads they changed (two statements, whatever
    their number; ``heads`` as :func:`link_record` left it)."""
    if not records:
        return
    tx.executemany(_INSERT, [{n: r[n] for n in NAMES} for r in records])
    moved = {r["chain"] for r in records} | {
        chain_key(r["topic"], r["aggregate_id"]) for r in records
    }
    keys = ("seq", "hash", "chain_seq")
    rows = [{"chain": c, **dict(zip(keys, heads.last[c], strict=True))} for c in sorted(moved)]
    insert_rows(tx, h, rows, on=("chain",), update=("seq", "hash", "chain_seq"))


def lock_and_draw(tx: Tx, envs: Sequence[Envelope]) -> Heads:
    """The heads ``envs`` append to, locked, and seq values for each of them."""
    partitions, aggregates = batch_chains(envs)
    claim_heads(tx, partitions)
    results = tx.many_dicts(heads_queries(tx, [*partitions, *aggregates], len(envs)))
    return heads_from(results, len(envs), tx.postgres)


def append(tx: Tx, env: Envelope, data: dict[str, Any], recorded_at: str) -> dict[str, Any]:
    """Append one record to both its chains and return it (with seq and hashes)."""
    heads = lock_and_draw(tx, [env])
    record = link_record(heads, env, data, recorded_at)
    write_records(tx, [record], heads)
    return record


def envelope_from_row(row: dict[str, Any]) -> Envelope:
    """The envelope stored in an audit row (for rebuilds)."""
    return Envelope(
        topic=row["topic"],
        partition=row["kafka_partition"],
        offset=row["kafka_offset"],
        ce_id=row["ce_id"],
        ce_type=row["ce_type"],
        source=row["source"],
        service=row["service"],
        aggregate_id=row["aggregate_id"],
        aggregate_version=row["aggregate_version"],
        case_id=row["case_id"],
        tilbud_id=row["tilbud_id"],
        occurred_at=row["occurred_at"],
        actor=row["actor"],
        reason=row["reason"],
    )


def rows_after(tx: Tx, after: int, limit: int) -> list[dict[str, Any]]:
    """The next ``limit`` audit records after ``seq`` ``after``, in ``seq`` order. Only
    for a store no one appends to meanwhile (:func:`next_rows` otherwise)."""
    return tx.dicts(select(a).where(a.c.seq > after).order_by(a.c.seq).limit(limit))


_RECORD_CHAINS = select(h.c.chain).order_by(h.c.chain)
_ON_CHAIN = (
    select(a)
    .where(a.c.chain == bindparam("chain"), a.c.chain_seq > bindparam("after"))
    .order_by(a.c.chain_seq)
    .limit(bindparam("limit"))
)


def record_chains(tx: Tx) -> list[str]:
    """Every record chain (``*`` and each partition's), by name."""
    return [str(c) for (c,) in tx.all(_RECORD_CHAINS) if is_record_chain(str(c))]


def next_rows(tx: Tx, positions: dict[str, int], limit: int) -> list[dict[str, Any]]:
    """The next records after ``positions`` (record chain -> last ``chain_seq`` read;
    moved past what is returned), in ``seq`` order across the chains, at least ``limit``
    of them unless fewer are left. Each chain is read in its own order, which is the
    order its records committed in, so a record committed late (with a lower ``seq``
    than one read before) is returned by a later call, never skipped."""
    chains = record_chains(tx)
    queries = [
        (_ON_CHAIN, {"chain": c, "after": positions.get(c, 0), "limit": limit}) for c in chains
    ]
    found = tx.many_dicts(queries) if queries else []
    # A chain that returned ``limit`` rows may have more below another chain's last seq.
    cutoff = min((rows[-1]["seq"] for rows in found if len(rows) == limit), default=2**63)
    merged = [r for r in heapq.merge(*found, key=lambda r: r["seq"]) if r["seq"] <= cutoff]
    for row in merged:
        positions[row["chain"]] = row["chain_seq"]
    return merged


def case_records_query(
    case_id: Any,
    limit: Any = None,
    before_seq: Any = None,
    gate: ColumnElement[bool] | None = None,
) -> Select[Any]:
    """Records about a case, oldest first; with ``limit`` the newest ``limit`` of those
    before ``before_seq`` (newest first). ``gate``: an extra condition (none when every
    record is wanted). Values or ``bindparam``s (a statement built once)."""
    about = and_(
        or_(a.c.case_id == case_id, a.c.aggregate_id == case_id),
        gate if gate is not None else true(),
    )
    if limit is None:
        return select(a).where(about).order_by(a.c.seq)
    before = a.c.seq < (before_seq if before_seq is not None else 2**62)
    return select(a).where(about, before).order_by(a.c.seq.desc()).limit(limit)


def records_of_case(tx: Tx, case_id: str) -> list[dict[str, Any]]:
    """Every audit record about a case (its own events and other services' about it)."""
    return tx.dicts(case_records_query(case_id))


def iterate(tx: Tx, batch: int = 5000) -> Iterator[dict[str, Any]]:
    """Every audit record in ``seq`` order (in one read transaction: all committed)."""
    after = 0
    while True:
        rows = rows_after(tx, after, batch)
        if not rows:
            return
        yield from rows
        after = rows[-1]["seq"]


def decoded(row: dict[str, Any]) -> dict[str, Any]:
    """An audit row with its data parsed."""
    return {**row, "data": json.loads(row["data"])}


def short_type_of(row: dict[str, Any]) -> str:
    return short_type(str(row["ce_type"]))
