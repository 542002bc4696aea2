"""A batch is ingested in a fixed number of statements, with exactly the records, hash
chains and projections that ingesting its events one by one gives (both stores)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from services.readside.adapters import ingest
from services.readside.adapters.ingest import Delivered, Ingestor, delivered
from services.readside.adapters.meta import active_tables
from services.readside.tests.builders import CaseStream
from shared.contracts import cases as wire
from shared.sqldb import Database


def _events() -> list[Delivered]:
    a, b = CaseStream("lyngen"), CaseStream("egebo")
    raw = [a.opened(), b.opened(), a.level(2, None), b.level(3, None)]
    raw += [a.next(wire.LeaderAssigned, leader="leader-1"), b.level(4, 3), a.level(3, 2)]
    return [delivered(env, data) for env, data in raw]


def _state(db: Database) -> dict[str, Any]:
    with db.read() as tx:
        t = active_tables(tx)
        return {
            "audit": tx.all(
                "SELECT seq, ce_id, recorded_at, prev_hash, hash, prev_aggregate_hash, "
                "aggregate_hash, chain, chain_seq FROM rs_audit ORDER BY seq"
            ),
            "heads": tx.all(
                "SELECT chain, seq, hash, chain_seq FROM rs_audit_heads ORDER BY chain"
            ),
            "cases": tx.all(f"SELECT * FROM {t.cases} ORDER BY case_id"),
            "levels": tx.all(f"SELECT * FROM {t.levels} ORDER BY case_id, version"),
            "counts": tx.all(f"SELECT * FROM {t.event_counts} ORDER BY type, tilbud_id"),
            "position": tx.all(
                "SELECT key, value FROM rs_meta WHERE key LIKE ? ORDER BY key",
                (f"{t.position_prefix}%",),
            ),
        }


def _fresh(store_url: str, name: str) -> Database:
    if "schema=" in store_url:
        return Database(f"{store_url}_{name}")
    return Database(store_url.replace(".sqlite", f"-{name}.sqlite"))


def test_a_batch_gives_what_one_by_one_gives_and_a_repeat_changes_nothing(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same recording time in both stores, so that the hashes can be compared
    monkeypatch.setattr(ingest, "utc_iso", lambda _: "2031-03-01T00:00:00.000000Z")
    events = _events()
    one_db, batch_db = _fresh(store_url, "one"), _fresh(store_url, "batch")
    try:
        one, batch = Ingestor(one_db), Ingestor(batch_db)
        for item in events:
            assert one.ingest_many([item]) == 1
        # the batch carries a repeat of its own first event at its end
        assert batch.ingest_many([*events, events[0]]) == len(events)
        by_one, by_batch = _state(one_db), _state(batch_db)
        assert by_batch == by_one
        assert by_batch["position"] == [("g1.audit.pkraft.cases.v1#0", str(len(events)))]
        assert len(by_batch["heads"]) == 3  # the partition's chain and one per case
        # a redelivery of the whole batch, and of part of it with one new event
        assert batch.ingest_many(events) == 0
        assert _state(batch_db) == by_batch
    finally:
        one_db.close()
        batch_db.close()


def test_the_chains_link_across_batches(store_url: str) -> None:
    events = _events()
    db = _fresh(store_url, "split")
    try:
        ingestor = Ingestor(db)
        assert ingestor.ingest_many(events[:3]) == 3
        assert ingestor.ingest_many(events[2:]) == len(events) - 3
        with db.read() as tx:
            rows = tx.dicts("SELECT seq, prev_hash, hash, chain_seq FROM rs_audit ORDER BY seq")
            heads = dict(tx.all("SELECT chain, hash FROM rs_audit_heads"))
        assert [r["seq"] for r in rows] == list(range(1, len(events) + 1))
        assert [r["chain_seq"] for r in rows] == list(range(1, len(events) + 1))
        assert all(b["prev_hash"] == a["hash"] for a, b in pairwise(rows))
        assert heads["pkraft.cases.v1#0"] == rows[-1]["hash"]
    finally:
        db.close()
