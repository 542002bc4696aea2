"""Each topic partition has its own record chain: records of different partitions link
on different chains (each at ``chain_seq`` 1, 2, ...), ``seq`` stays unique and ordered,
and ``audit verify`` checks every chain, naming a record removed, changed or moved on
one (both stores). A database of the previous release keeps its records on the global
chain ``*`` and goes on with partition chains."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from services.readside.adapters.ingest import Delivered, Ingestor, delivered
from services.readside.adapters.rebuild import projection_position, rebuild
from services.readside.adapters.verify import Report, verify
from services.readside.tests.builders import TOPIC, CaseStream
from services.readside.tests.integration.test_migrations import load_previous_release
from shared.contracts import cases as wire
from shared.sqldb import Database


def on(partition: int, stream: CaseStream, *events: tuple[Any, dict[str, Any]]) -> list[Delivered]:
    return [delivered(replace(env, partition=partition), data) for env, data in events]


def two_partitions() -> tuple[list[Delivered], list[Delivered]]:
    """Two cases on partition 0, one on partition 1 (same tilbud: shared counters)."""
    a, b, c = CaseStream("lyngen"), CaseStream("lyngen"), CaseStream("lyngen")
    zero = on(0, a, a.opened(), a.level(2, None), a.next(wire.LeaderAssigned, leader="l1"))
    zero += on(0, b, b.opened(), b.level(3, None))
    one = on(1, c, c.opened(), c.level(2, None), c.level(4, 2), c.level(3, 4))
    return zero, one


def records(db: Database) -> list[dict[str, Any]]:
    with db.read() as tx:
        rows: list[dict[str, Any]] = tx.dicts("SELECT * FROM rs_audit ORDER BY seq")
    return rows


def kinds(report: Report) -> list[tuple[str, int | None, str]]:
    return [(f.kind, f.seq, f.detail) for f in report.findings]


def test_each_partition_has_its_own_chain_and_verify_passes(store_url: str) -> None:
    zero, one = two_partitions()
    db = Database(store_url)
    try:
        ingestor = Ingestor(db)
        assert ingestor.ingest_many([zero[0], one[0], zero[1]]) == 3
        assert ingestor.ingest_many([*one[1:], *zero[2:]]) == len(zero) + len(one) - 3
        rows = records(db)
        by_chain: dict[str, list[int]] = {}
        for r in rows:
            by_chain.setdefault(r["chain"], []).append(r["chain_seq"])
            assert r["chain"] == f"{TOPIC}#{r['kafka_partition']}"
        assert by_chain == {f"{TOPIC}#0": [1, 2, 3, 4, 5], f"{TOPIC}#1": [1, 2, 3, 4]}
        assert len({r["seq"] for r in rows}) == len(rows)
        with db.read() as tx:
            heads = dict(
                tx.all(
                    "SELECT chain, chain_seq FROM rs_audit_heads WHERE chain LIKE ?",
                    (f"{TOPIC}#%",),
                )
            )
        assert heads == {f"{TOPIC}#0": 5, f"{TOPIC}#1": 4}
        assert verify(db, {}).ok
        assert projection_position(db) == (1, 9)
    finally:
        db.close()


def _tampered(store_url: str, *statements: str) -> Report:
    zero, one = two_partitions()
    db = Database(store_url)
    try:
        Ingestor(db).ingest_many([*zero, *one])
        with db.write() as tx:
            for statement in statements:
                tx.execute(statement.replace("CHAIN", f"'{TOPIC}#1'"))
        return verify(db, {})
    finally:
        db.close()


def test_verify_names_a_record_removed_from_a_partition_chain(store_url: str) -> None:
    report = _tampered(store_url, "DELETE FROM rs_audit WHERE chain = CHAIN AND chain_seq = 2")
    found = kinds(report)
    assert [k for k, _, _ in found] == ["chain_broken", "chain_broken"]
    assert any(f"chain {TOPIC}#1" in d for _, _, d in found)  # the partition's chain
    assert any("case chain" in d for _, _, d in found)  # and the case's


def test_verify_names_a_changed_record_on_a_partition_chain(store_url: str) -> None:
    report = _tampered(
        store_url, "UPDATE rs_audit SET actor = 'mallory' WHERE chain = CHAIN AND chain_seq = 3"
    )
    assert [k for k, _, _ in kinds(report)] == ["altered"]


def test_verify_names_records_moved_on_a_partition_chain(store_url: str) -> None:
    report = _tampered(
        store_url,
        "UPDATE rs_audit SET chain_seq = -2 WHERE chain = CHAIN AND chain_seq = 2",
        "UPDATE rs_audit SET chain_seq = 2 WHERE chain = CHAIN AND chain_seq = 3",
        "UPDATE rs_audit SET chain_seq = 3 WHERE chain = CHAIN AND chain_seq = -2",
    )
    assert {k for k, _, _ in kinds(report)} == {"chain_broken"}
    assert len(report.findings) >= 2


def test_verify_names_the_newest_records_of_a_partition_cut_off(store_url: str) -> None:
    report = _tampered(store_url, "DELETE FROM rs_audit WHERE chain = CHAIN AND chain_seq = 4")
    found = kinds(report)
    assert ("missing" in {k for k, _, _ in found}) and any(
        f"chain {TOPIC}#1" in d for _, _, d in found
    )


def test_a_record_moved_to_another_partitions_chain_is_named(store_url: str) -> None:
    report = _tampered(
        store_url, "UPDATE rs_audit SET kafka_partition = 0 WHERE chain = CHAIN AND chain_seq = 2"
    )
    assert "record of another partition" in " ".join(d for _, _, d in kinds(report))


def test_the_previous_release_keeps_the_global_chain_and_goes_on_per_partition(
    store_url: str,
) -> None:
    load_previous_release(store_url)
    db = Database(store_url)
    try:
        ingestor = Ingestor(db)  # migrated
        old = records(db)
        assert {(r["chain"], r["chain_seq"] == r["seq"]) for r in old} == {("*", True)}
        zero, one = two_partitions()
        assert ingestor.ingest_many([*zero, *one]) == 9
        new = records(db)[len(old) :]
        assert {r["chain"] for r in new} == {f"{TOPIC}#0", f"{TOPIC}#1"}
        assert min(r["seq"] for r in new) > max(r["seq"] for r in old)  # seq goes on
        assert verify(db, {}).ok
        assert rebuild(db).events == len(old) + 9
        assert projection_position(db) == (2, len(old) + 9)
        with db.write() as tx:  # an old record changed is still found on the global chain
            tx.execute("DELETE FROM rs_audit WHERE chain = '*' AND chain_seq = 5")
        assert any("global chain" in d for _, _, d in kinds(verify(db, {})))
    finally:
        db.close()
