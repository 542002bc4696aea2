"""The global chain ``*`` holds only records kept before partition chains (migration
r0003): each at ``chain_seq`` equal to its ``seq``, and each recorded before every
partition chain record. A line (or a stored row) moved onto ``*`` to leave its
partition chain without a trace is named, by ``audit verify-export`` and by ``audit
verify``; a real export of the previous release, alone or mixed with newer records,
still verifies."""

from __future__ import annotations

from typing import Any

from services.readside.adapters import export
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.verify import verify
from services.readside.domain.chain import LEGACY, link
from services.readside.domain.export_check import ExportReport
from services.readside.tests.builders import TOPIC
from services.readside.tests.integration.test_audit_export_chains import check
from services.readside.tests.integration.test_audit_export_chains import lines as lines
from services.readside.tests.integration.test_migrations import load_previous_release
from services.readside.tests.integration.test_partition_chains import (
    kinds,
    records,
    two_partitions,
)
from shared.sqldb import Database

OLD_CASE = "dceda78e-4044-51b2-afca-e12932c80106"  # in the previous release's fixture


def named(report: ExportReport) -> list[tuple[str, int, str]]:
    return [(f.kind, f.line, f.detail) for f in report.findings if f.chain == LEGACY]


def test_a_line_relabelled_to_the_global_chain_is_named(lines: list[dict[str, Any]]) -> None:
    assert [(r["seq"], r["chain_seq"]) for r in lines] == [(1, 1), (3, 3), (5, 4), (7, 6)]
    moved = [dict(r) for r in lines]
    moved[2]["chain"] = LEGACY  # place 4, seq 5
    assert [(k, n) for k, n, _ in named(check(moved))] == [("altered", 3)]
    assert "chain_seq (4) must equal its seq" in named(check(moved))[0][2]
    moved = [dict(r) for r in lines]
    moved[1]["chain"] = LEGACY  # place 3 = seq 3, but after line 1 (seq 1) on a partition
    assert [(k, n) for k, n, _ in named(check(moved))] == [("altered", 2)]
    assert "recorded after line 1 (seq 1)" in named(check(moved))[0][2]


def test_a_deleted_line_hidden_by_relabelling_the_next_is_named(
    lines: list[dict[str, Any]],
) -> None:
    del lines[2]  # place 4: now the last line (place 6) would link to a record not in the file
    lines[2]["chain"] = LEGACY
    assert [(k, n) for k, n, _ in named(check(lines))] == [("altered", 3)]


def test_an_export_of_the_previous_release_verifies(store_url: str) -> None:
    load_previous_release(store_url)
    db = Database(store_url)
    try:
        Ingestor(db)  # migrated
        old = export.history(db, OLD_CASE)
    finally:
        db.close()
    assert old and {(r["chain"], r["chain_seq"] == r["seq"]) for r in old} == {(LEGACY, True)}
    report = check(old)
    assert report.ok, report.findings
    assert report.record_chains == 1


def _mixed(db: Database) -> list[dict[str, Any]]:
    """Every record: the previous release's on ``*``, then two partitions' chains."""
    Ingestor(db).ingest_many([r for part in two_partitions() for r in part])
    return [{k: r.get(k) for k in export.FIELDS} for r in records(db)]


def test_the_previous_release_mixed_with_partition_chains_verifies(store_url: str) -> None:
    load_previous_release(store_url)
    db = Database(store_url)
    try:
        mixed = _mixed(db)
        assert verify(db, {}).ok
    finally:
        db.close()
    assert {r["chain"] for r in mixed} == {LEGACY, f"{TOPIC}#0", f"{TOPIC}#1"}
    report = check(mixed)
    assert report.ok, report.findings
    assert (report.record_chains, report.unlinked) == (3, 0)


def test_verify_names_a_stored_record_relinked_onto_the_global_chain(store_url: str) -> None:
    """The last record of partition 1's chain moved to the end of ``*`` with its record
    chain link rewritten and both heads moved: every link then holds."""
    load_previous_release(store_url)
    db = Database(store_url)
    try:
        _mixed(db)
        rows = records(db)
        end = max((r for r in rows if r["chain"] == LEGACY), key=lambda r: r["chain_seq"])
        row = max((r for r in rows if r["chain"] == f"{TOPIC}#1"), key=lambda r: r["chain_seq"])
        before = next(r for r in rows if r["hash"] == row["prev_hash"])
        relinked = link(end["hash"], row)
        with db.write() as tx:
            tx.execute(
                "UPDATE rs_audit SET chain = ?, chain_seq = ?, prev_hash = ?, hash = ? "
                "WHERE seq = ?",
                (LEGACY, end["chain_seq"] + 1, end["hash"], relinked, row["seq"]),
            )
            tx.execute(
                "UPDATE rs_audit_heads SET seq = ?, hash = ?, chain_seq = ? WHERE chain = ?",
                (row["seq"], relinked, end["chain_seq"] + 1, LEGACY),
            )
            tx.execute(
                "UPDATE rs_audit_heads SET seq = ?, hash = ?, chain_seq = ? WHERE chain = ?",
                (before["seq"], before["hash"], before["chain_seq"], f"{TOPIC}#1"),
            )
        found = kinds(verify(db, {}))
    finally:
        db.close()
    assert [(k, seq) for k, seq, _ in found] == [("altered", row["seq"])]
    assert "global chain" in found[0][2]
