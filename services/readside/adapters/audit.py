"""The append-only audit store: every event from every topic, hash-chained.

One chain over all records (``*``) and one per aggregate (``<topic>|<aggregate id>``);
the heads table holds each chain's last hash so appending costs two row reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from services.readside.domain.chain import GENESIS, canonical_json, chain_key, link
from services.readside.domain.envelope import Envelope, short_type
from shared.sqldb import Tx

GLOBAL = "*"
COLUMNS = (
    "seq, topic, kafka_partition, kafka_offset, ce_id, ce_type, source, service, "
    "aggregate_id, aggregate_version, case_id, tilbud_id, occurred_at, actor, reason, "
    "recorded_at, data, prev_hash, hash, prev_aggregate_hash, aggregate_hash"
)
NAMES = tuple(c.strip() for c in COLUMNS.split(","))


def _head(tx: Tx, chain: str) -> tuple[int, str]:
    suffix = " FOR UPDATE" if tx.postgres else ""
    row = tx.one(f"SELECT seq, hash FROM rs_audit_heads WHERE chain = ?{suffix}", (chain,))
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def _set_head(tx: Tx, chain: str, seq: int, hash_: str) -> None:
    tx.execute(
        "INSERT INTO rs_audit_heads (chain, seq, hash) VALUES (?, ?, ?) "
        "ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        (chain, seq, hash_),
    )


def seen(tx: Tx, topic: str, ce_id: str) -> bool:
    return (
        tx.one("SELECT 1 FROM rs_audit WHERE topic = ? AND ce_id = ?", (topic, ce_id)) is not None
    )


def append(tx: Tx, env: Envelope, data: dict[str, Any], recorded_at: str) -> dict[str, Any]:
    """Append one record to both chains and return it (with seq and hashes)."""
    last_seq, prev = _head(tx, GLOBAL)
    chain = chain_key(env.topic, env.aggregate_id)
    _, prev_aggregate = _head(tx, chain)
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
    tx.execute(
        f"INSERT INTO rs_audit ({COLUMNS}) VALUES ({', '.join('?' * len(NAMES))})",
        [record[n] for n in NAMES],
    )
    _set_head(tx, GLOBAL, record["seq"], record["hash"])
    _set_head(tx, chain, record["seq"], record["aggregate_hash"])
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
    return tx.dicts(
        f"SELECT {COLUMNS} FROM rs_audit WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit)
    )


def case_records_query(
    case_id: str, limit: int | None = None, before_seq: int | None = None
) -> tuple[str, tuple[Any, ...]]:
    """Records about a case, oldest first; with ``limit`` the newest ``limit`` of those
    before ``before_seq`` (newest first)."""
    where = "(case_id = ? OR aggregate_id = ?)"
    if limit is None:
        return (f"SELECT {COLUMNS} FROM rs_audit WHERE {where} ORDER BY seq", (case_id, case_id))
    return (
        f"SELECT {COLUMNS} FROM rs_audit WHERE {where} AND seq < ? ORDER BY seq DESC LIMIT ?",
        (case_id, case_id, before_seq or 2**62, limit),
    )


def records_of_case(tx: Tx, case_id: str) -> list[dict[str, Any]]:
    """Every audit record about a case (its own events and other services' about it)."""
    return tx.dicts(*case_records_query(case_id))


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
