"""An attacker with write access to the read side's database tampers with its audit copy
(SQLite and PostgreSQL): swaps two records, rewrites one consistently (every hash after
it recomputed, so the copy's own chains verify), cuts off the newest records together
with their chain heads. ``audit verify`` names each by part, service, case and version,
through the cases service's own events and its signed checkpoint."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import pytest

from services.cases.application import CasesApplication
from services.readside.adapters import checkpoints
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.verify_sources import gather, verify_all
from services.readside.tests.casefeed import busy_case, feed, quiet_case
from services.readside.tests.integration.copy_tamper import (
    rewrite,
    row,
    signed_head,
    swap,
    truncate,
    where,
)
from shared.sqldb import Database

CASES = "cases"


@pytest.fixture
def audited(store_url: str, cases: CasesApplication) -> tuple[Database, str, str]:
    """A copy of 15 events (the busy case's 13 at seq 1-13, the quiet case's 2 at 14-15)
    and the cases relay's checkpoint over all of them."""
    db = Database(store_url)
    busy, quiet = busy_case(cases), quiet_case(cases)
    feed(cases, Ingestor(db))
    checkpoints.record(db, [signed_head(cases, CASES, "pkraft.cases.v1")])
    return db, str(busy), str(quiet)


def _verify(db: Database, owner: OwnerApi) -> Any:
    report = verify_all(db, {CASES: gather(owner)})
    assert report.findings, "the tampering was not noticed"
    for f in report.findings:  # every finding says where, as docs/audit.md promises
        assert (f.service, f.aggregate_id, f.version) != (None, None, None), f
        assert f.service == CASES and f.aggregate_id is not None and f.version is not None, f
    return report


def _same(a: str | None, b: str) -> bool:
    return a is not None and UUID(a) == UUID(b)


def _at(found: list[tuple[str | None, int | None]]) -> list[tuple[UUID, int | None]]:
    """Aggregate ids however spelt (the copy's, or taken from a ce_id) as UUIDs."""
    return [(UUID(str(a)), v) for a, v in found]


def test_two_records_of_a_case_swapped(
    audited: tuple[Database, str, str], cases_owner: OwnerApi
) -> None:
    db, busy, _ = audited
    swap(db, 3, 4)
    report = _verify(db, cases_owner)
    assert [(k, s, v) for k, s, _, v in where(report, "audit_copy")] == [("reordered", CASES, 3)]
    chain = where(report, "audit_chain")
    assert {(k, v) for k, _, _, v in chain} >= {("altered", 3), ("altered", 4)}
    assert all(_same(a, busy) for _, _, a, _ in chain + where(report, "audit_copy"))
    assert where(report, "checkpoint") == [] and where(report, "source_chain") == []


def test_two_records_of_different_cases_swapped(
    audited: tuple[Database, str, str], cases_owner: OwnerApi
) -> None:
    db, busy, quiet = audited
    swap(db, 13, 14)  # the busy case's last and the quiet case's first
    report = _verify(db, cases_owner)
    altered = [(a, v) for k, _, a, v in where(report, "audit_chain") if k == "altered"]
    assert _at(altered) == _at([(quiet, 1), (busy, 13)])  # at seq 13 and 14 now
    assert where(report, "audit_copy") == []  # each case's own order still holds


def test_a_consistent_rewrite_of_the_copy_is_named_by_the_owner_and_the_checkpoint(
    audited: tuple[Database, str, str], cases_owner: OwnerApi
) -> None:
    db, busy, _ = audited
    record = row(db, 9)  # the incident that escalated the case
    data = json.loads(record["data"])
    assert data["kind"] == "threat"
    rewrite(
        db, 9, json.dumps({**data, "kind": "harassment"}, sort_keys=True, separators=(",", ":"))
    )
    report = _verify(db, cases_owner)
    assert where(report, "audit_chain") == []  # the copy's own hashes were made to agree
    assert [(k, v) for k, _, _, v in where(report, "audit_copy")] == [("altered", 9)]
    assert [(k, v) for k, _, _, v in where(report, "checkpoint")] == [("altered", 9)]
    assert all(_same(f.aggregate_id, busy) for f in report.findings)
    assert where(report, "source_chain") == []


def test_the_newest_records_cut_off_with_their_chain_heads(
    audited: tuple[Database, str, str], cases_owner: OwnerApi
) -> None:
    db, busy, quiet = audited
    truncate(db, after=12)
    report = _verify(db, cases_owner)
    assert where(report, "audit_chain") == []  # heads moved back: the copy agrees with itself
    for part in ("audit_copy", "checkpoint"):
        assert {k for k, _, _, _ in where(report, part)} == {"missing"}, part
        found = [(a, v) for _, _, a, v in where(report, part)]
        assert _at(found) == _at([(busy, 13), (quiet, 1), (quiet, 2)]), part


def test_the_newest_records_cut_off_and_the_heads_left_are_named_by_the_copys_chain(
    audited: tuple[Database, str, str], cases_owner: OwnerApi
) -> None:
    db, busy, quiet = audited
    with db.write() as tx:
        tx.execute("DELETE FROM rs_audit WHERE seq > 12")
    report = verify_all(db, {CASES: gather(cases_owner)})
    chain = [
        (k, f.seq, f.aggregate_id, f.version)
        for f in report.findings
        if f.part == "audit_chain"
        for k in [f.kind]
    ]
    assert chain[0] == ("missing", 15, None, None)  # a partition chain's head: record gone
    by_case = {(UUID(str(a)), v) for k, _, a, v in chain[1:] if k == "missing"}
    assert by_case == {(UUID(busy), 13), (UUID(quiet), None)}  # from v13 on; all of it
    assert len(where(report, "audit_copy")) == len(where(report, "checkpoint")) == 3
