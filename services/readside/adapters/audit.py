"""The append-only audit store: every event from every topic, hash-chained.

One chain over all records (``*``) and one per aggregate (``<topic>|<aggregate id>``);
the heads table holds each chain's last hash, so appending a batch costs one read of
the heads it touches, one insert of its records and one upsert of the heads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, insert, or_, select, true

from services.readside.adapters.statements import insert_rows
from services.readside.adapters.tables import rs_audit as a
from services.readside.adapters.tables import rs_audit_heads as h
from services.readside.domain.chain import GENESIS, canonical_json, chain_key, link
from services.readside.domain.envelope import Envelope, short_type
from shared.sqldb import Tx

GLOBAL = "*"
NAMES = tuple(c.name for c in a.columns)


Query = tuple[Select[Any], dict[str, Any]]

# Built once: the per-batch path runs them with its values (``adapters/statements.py``).
_HEADS = select(h.c.chain, h.c.seq, h.c.hash)
_GLOBAL_HEAD = _HEADS.where(h.c.chain == GLOBAL).with_for_update()
_CHAIN_HEADS = (
    _HEADS.where(h.c.chain.in_(bindparam("chains", expanding=True)))
    .order_by(h.c.chain)
    .with_for_update()
)
_SEEN = select(a.c.topic, a.c.ce_id).where(
    a.c.topic == bindparam("topic"), a.c.ce_id.in_(bindparam("ids", expanding=True))
)
_INSERT = insert(a)


def heads_queries(chains: Sequence[str]) -> list[Query]:
    """The reads that lock the global head, then the ``chains``' heads (sorted), for
    :func:`heads_from`. Every appender takes the global one first, so no two wait on
    each other; on SQLite the write transaction is already exclusive (no FOR UPDATE)."""
    return [(_GLOBAL_HEAD, {}), (_CHAIN_HEADS, {"chains": list(chains)})]


def heads_from(results: Sequence[Sequence[dict[str, Any]]]) -> dict[str, tuple[int, str]]:
    """The heads read by :func:`heads_queries` (a chain not there yet starts at genesis)."""
    heads = {GLOBAL: (0, GENESIS)}
    for rows in results:
        heads.update({str(r["chain"]): (int(r["seq"]), str(r["hash"])) for r in rows})
    return heads


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
    heads: dict[str, tuple[int, str]], env: Envelope, data: dict[str, Any], recorded_at: str
) -> dict[str, Any]:
    """The next record of both chains (with seq and hashes); ``heads`` moves past it.
    ``heads`` holds the global head and the event's aggregate chain, if it has one."""
    last_seq, prev = heads[GLOBAL]
    chain = chain_key(env.topic, env.aggregate_id)
    prev_aggregate = heads.get(chain, (0, GENESIS))[1]
    record: dict[str, Any] = {
        "seq": last_seq + 1,
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
    }
    record["hash"] = link(prev, record)
    record["aggregate_hash"] = link(prev_aggregate, record)
    heads[GLOBAL] = (record["seq"], record["hash"])
    heads[chain] = (record["seq"], record["aggregate_hash"])
    return record


def write_records(
    tx: Tx, records: Sequence[dict[str, Any]], heads: dict[str, tuple[int, str]]
) -> None:
    """Insert ``records`` and move the heads they changed (two statements, whatever
    their number; ``heads`` as :func:`link_record` left it)."""
    if not records:
        return
    tx.executemany(_INSERT, [{n: r[n] for n in NAMES} for r in records])
    moved = {GLOBAL} | {chain_key(r["topic"], r["aggregate_id"]) for r in records}
    rows = [{"chain": c, "seq": heads[c][0], "hash": heads[c][1]} for c in sorted(moved)]
    insert_rows(tx, h, rows, on=("chain",), update=("seq", "hash"))


def append(tx: Tx, env: Envelope, data: dict[str, Any], recorded_at: str) -> dict[str, Any]:
    """Append one record to both chains and return it (with seq and hashes)."""
    chain = chain_key(env.topic, env.aggregate_id)
    heads = heads_from(tx.many_dicts(heads_queries([chain])))
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
    """The next ``limit`` audit records after global position ``after``."""
    return tx.dicts(select(a).where(a.c.seq > after).order_by(a.c.seq).limit(limit))


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
    """Every audit record in global order."""
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
