"""An export carries each record's place on its record chain (``chain``, ``chain_seq``)
and the offline check follows the record chains as far as the file holds them: an
untouched export verifies (the places between its lines counted as ``unlinked``), a
removed line, a line rewritten with its hashes, a line moved to another chain or place
is named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from services.readside.adapters import export
from services.readside.adapters.ingest import Ingestor
from services.readside.domain.chain import link
from services.readside.domain.export_check import ExportReport, check_export
from services.readside.tests.builders import TOPIC, CaseStream
from services.readside.tests.integration.test_partition_chains import on
from shared.sqldb import Database


@pytest.fixture
def lines(tmp_path: Path) -> list[dict[str, Any]]:
    """Case a's export: its 4 records on partition 0 at places 1, 3, 4, 6 (case b's
    between), case c on partition 1."""
    a, b, c = CaseStream(), CaseStream(), CaseStream()
    a1, a2, a3, a4 = on(0, a, a.opened(), a.level(2, None), a.level(3, 2), a.level(4, 3))
    b1, b2 = on(0, b, b.opened(), b.level(2, None))
    db = Database(f"sqlite:///{tmp_path}/rs.sqlite")
    try:
        ingestor = Ingestor(db)
        ingestor.ingest_many([a1, b1, a2, *on(1, c, c.opened())])
        ingestor.ingest_many([a3, b2, a4])
        text = export.render(export.history(db, str(a.case_id)), "jsonl")
    finally:
        db.close()
    return [json.loads(line) for line in text.splitlines()]


def check(lines: list[dict[str, Any]]) -> ExportReport:
    return check_export(json.dumps(r).encode() for r in lines)


def found(report: ExportReport) -> list[tuple[str, int, int, str | None]]:
    return [(f.kind, f.line, f.version, f.chain) for f in report.findings]


def test_an_export_carries_the_places_and_verifies(lines: list[dict[str, Any]]) -> None:
    assert [(r["chain"], r["chain_seq"]) for r in lines] == [
        (f"{TOPIC}#0", place) for place in (1, 3, 4, 6)
    ]
    report = check(lines)
    assert report.ok, report.findings
    assert (report.records, report.chains, report.record_chains, report.unlinked) == (4, 1, 1, 2)
    csv_header = export.render([], "csv").splitlines()[0]
    assert csv_header.endswith("aggregate_hash,chain,chain_seq")


def test_a_removed_line_is_named(lines: list[dict[str, Any]]) -> None:
    del lines[2]  # version 3
    assert found(check(lines)) == [("missing", 3, 4, None)]  # the line after the gap


def test_a_line_rewritten_with_its_hashes_is_named_on_both_chains(
    lines: list[dict[str, Any]],
) -> None:
    changed = lines[1]  # version 2, place 3: the next line (place 4) links to it
    changed["actor"] = "mallory"
    changed["hash"] = link(changed["prev_hash"], changed)
    changed["aggregate_hash"] = link(changed["prev_aggregate_hash"], changed)
    assert found(check(lines)) == [("missing", 3, 3, None), ("missing", 3, 3, f"{TOPIC}#0")]


def test_a_line_moved_to_another_chain_or_place_is_named(lines: list[dict[str, Any]]) -> None:
    lines[0]["chain"] = f"{TOPIC}#1"
    lines[2]["chain_seq"], lines[3]["chain_seq"] = 6, 4
    report = check(lines)
    assert ("altered", 1, 1, f"{TOPIC}#1") in found(report)
    assert ("reordered", 4, 4, f"{TOPIC}#0") in found(report)  # place 4 after place 6
    assert ("reordered", 1, 1, None) not in found(report)  # the aggregate chain holds


def test_an_export_without_places_is_checked_by_its_aggregate_chains(
    lines: list[dict[str, Any]],
) -> None:
    bare = [{k: v for k, v in r.items() if k not in ("chain", "chain_seq")} for r in lines]
    report = check(bare)
    assert report.ok and report.record_chains == 0
    assert found(check([*lines[:3], bare[3]])) == [("unreadable", 4, 4, None)]
