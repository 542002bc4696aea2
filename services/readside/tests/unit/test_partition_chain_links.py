"""Linking records on partition chains, without a database: each partition's records
form a chain of their own (``chain_seq`` 1, 2, ...), each aggregate's a chain in ``seq``
order, and the chain check names what is removed, changed or moved."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from services.readside.adapters import audit
from services.readside.adapters.verify_chains import check_chains
from services.readside.domain.chain import GENESIS, is_record_chain, partition_chain
from services.readside.tests.builders import TOPIC, CaseStream


def linked() -> tuple[list[dict[str, Any]], dict[str, tuple[int, str]]]:
    """Two cases on partition 0 and one on partition 1, interleaved, and the heads."""
    a, b, c = CaseStream(), CaseStream(), CaseStream()
    events = [
        (0, a.opened()),
        (1, c.opened()),
        (0, b.opened()),
        (0, a.level(2, None)),
        (1, c.level(3, None)),
        (0, b.level(1, None)),
    ]
    heads = audit.Heads(seqs=list(range(1, len(events) + 1)))
    records = [
        audit.link_record(heads, replace(env, partition=p), data, "2031-03-01T00:00:00Z")
        for p, (env, data) in events
    ]
    return records, {c: (s, h) for c, (s, h, _) in heads.last.items()}


def test_records_link_per_partition_and_per_aggregate() -> None:
    records, heads = linked()
    assert [(r["chain"], r["chain_seq"]) for r in records] == [
        (f"{TOPIC}#0", 1),
        (f"{TOPIC}#1", 1),
        (f"{TOPIC}#0", 2),
        (f"{TOPIC}#0", 3),
        (f"{TOPIC}#1", 2),
        (f"{TOPIC}#0", 4),
    ]
    assert records[2]["prev_hash"] == records[0]["hash"]  # partition 0's previous record
    assert records[1]["prev_hash"] == GENESIS  # partition 1's first
    assert records[3]["prev_aggregate_hash"] == records[0]["aggregate_hash"]  # case a's
    assert {c for c in heads if is_record_chain(c)} == {partition_chain(TOPIC, 0), f"{TOPIC}#1"}
    report = check_chains(records, heads)
    assert report.ok and report.records == 6 and report.chains == 3


def test_the_check_names_a_record_removed_from_one_partition() -> None:
    records, heads = linked()
    report = check_chains([r for r in records if r["seq"] != 3], heads)
    details = [f.detail for f in report.findings]
    assert [f.kind for f in report.findings] == ["chain_broken", "chain_broken"]
    assert [f.seq for f in report.findings] == [6, 4]  # case b's next, the partition's next
    assert "case chain" in details[0] and f"chain {TOPIC}#0" in details[1]


def test_the_check_names_a_changed_and_a_moved_record() -> None:
    records, heads = linked()
    changed = [dict(r, actor="mallory") if r["seq"] == 4 else r for r in records]
    assert [f.kind for f in check_chains(changed, heads).findings] == ["altered"]
    moved = [
        dict(r, chain_seq=3 - r["chain_seq"] + 2) if r["seq"] in (3, 4) else r for r in records
    ]
    assert {f.kind for f in check_chains(moved, heads).findings} == {"chain_broken"}


def test_the_check_names_the_newest_records_of_a_partition_cut_off() -> None:
    records, heads = linked()
    report = check_chains(records[:-2], heads)
    assert {f.kind for f in report.findings} == {"missing"}
    assert any(f"of chain {TOPIC}#1" in f.detail for f in report.findings)
