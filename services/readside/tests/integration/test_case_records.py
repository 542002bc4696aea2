"""A case's newest audit records, read through the two indexes (``case_records``), are
the records the plain condition finds (its own events and other services' about it,
each once), newest first, page by page, on both stores."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from services.readside.adapters import audit, schema
from services.readside.adapters.case_records import newest_records
from services.readside.adapters.tables import rs_audit
from shared.sqldb import Database

CASE, OTHER = "case-x", "case-y"


def _record(seq: int, aggregate_id: str, case_id: str | None) -> dict[str, Any]:
    text = {c.name: f"{c.name}-{seq}" for c in rs_audit.columns if isinstance(c.type, sa.Text)}
    return {
        **text,
        "seq": seq,
        "kafka_partition": 0,
        "kafka_offset": seq,
        "aggregate_id": aggregate_id,
        "aggregate_version": seq,
        "case_id": case_id,
        "chain": "*",
        "chain_seq": seq,
    }


def _log() -> list[dict[str, Any]]:
    """The case's own events (with and without case_id), other services' about it,
    and another case's, interleaved."""
    kinds = [(CASE, CASE), (CASE, None), ("relative-1", CASE), (OTHER, OTHER), ("r-2", OTHER)]
    return [_record(seq, *kinds[seq * 7 % len(kinds)]) for seq in range(1, 60)]


def test_pages_of_the_newest_records_are_those_the_plain_condition_finds(
    store_url: str,
) -> None:
    db = Database(store_url)
    try:
        schema.prepare(db)
        with db.write() as tx:
            tx.executemany(sa.insert(rs_audit), _log())
        with db.read() as tx:
            for limit in (1, 5, 13, 100):
                for before in (None, 60, 31, 7, 2, 1):
                    plain = audit.case_records_query(CASE, limit=limit, before_seq=before)
                    wanted = [r["seq"] for r in tx.dicts(plain)]
                    found = [r["seq"] for r in tx.dicts(newest_records(CASE, limit, before))]
                    assert found == wanted, (limit, before)
            every = [r["seq"] for r in tx.dicts(newest_records(CASE, 100))]
    finally:
        db.close()
    about = [r["seq"] for r in _log() if CASE in (r["aggregate_id"], r["case_id"])]
    assert every == sorted(about, reverse=True) and len(every) == len(set(every)) > 20
