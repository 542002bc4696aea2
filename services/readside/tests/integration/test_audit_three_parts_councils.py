"""The three parts of ``audit verify`` for the councils service, beside the cases service
(SQLite and PostgreSQL read side, the real councils and cases APIs in process): a
council's events, its relay's signed checkpoints and the read side's copy of them must
agree; tampering with any of them is named, by council and version, and put down to the
councils service only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.councils.adapters.wire import to_wire
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from services.councils.domain.electorate import Electorate
from services.councils.entrypoints.api import create_app as create_councils_app
from services.councils.tests.builders import new_council, run_election
from services.readside.adapters import checkpoints
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.verify_sources import gather, verify_all
from services.readside.tests.casefeed import busy_case, feed, owner
from services.readside.tests.integration.copy_tamper import rewrite, row, signed_head, swap, where
from shared.contracts import councils as wire
from shared.relay.relay import event_translator
from shared.sqldb import Database
from tests.integration.chain_tamper import Tamper

TOPIC = "pkraft.councils.v1"
COUNCILS = "councils"


@pytest.fixture
def councils_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/councils.sqlite"


@pytest.fixture
def councils(councils_url: str) -> Iterator[Any]:
    """Two councils: one elected (form, election, nominations, votes, result), one formed."""
    app = build_application(CouncilsSettings(database_url=councils_url))
    elected = new_council(tilbud_id="lyngen")
    run_election(elected, "e1", "2030-02-01", {"cand-1": 2, "cand-2": 1})
    app.save(elected)
    app.save(new_council(tilbud_id="skoven"))
    yield app
    app.close()


@pytest.fixture
def councils_owner(councils_url: str) -> Iterator[OwnerApi]:
    with TestClient(create_councils_app(CouncilsSettings(database_url=councils_url))) as api:
        yield owner(COUNCILS, api)


@pytest.fixture
def audited(store_url: str, councils: Any, cases: CasesApplication) -> Database:
    """The read side's copy of both services' events and their relays' checkpoints."""
    db = Database(store_url)
    busy_case(cases)
    feed(cases, Ingestor(db))
    feed(councils, Ingestor(db), TOPIC, translate=event_translator(to_wire, TOPIC, wire.SOURCE))
    checkpoints.record(
        db,
        [signed_head(cases, "cases", "pkraft.cases.v1"), signed_head(councils, COUNCILS, TOPIC)],
    )
    return db


def _verify(db: Database, cases_owner: OwnerApi, councils_owner: OwnerApi) -> Any:
    report = verify_all(db, {"cases": gather(cases_owner), COUNCILS: gather(councils_owner)})
    return report


def _councils_only(report: Any) -> None:
    """Every finding is put down to the councils service, with a council and version."""
    assert report.findings
    for f in report.findings:
        assert f.service == COUNCILS and f.aggregate_id is not None and f.version is not None, f


def _seq_of(db: Database, nth: int) -> int:
    """The seq of the ``nth`` councils record in the copy (1 = the first)."""
    with db.read() as tx:
        rows = tx.all("SELECT seq FROM rs_audit WHERE service = ? ORDER BY seq", (COUNCILS,))
    return int(rows[nth - 1][0])


def test_an_untouched_system_verifies_clean_on_all_three_for_councils(
    audited: Database, cases_owner: OwnerApi, councils_owner: OwnerApi, councils: Any
) -> None:
    report = _verify(audited, cases_owner, councils_owner)
    assert report.ok, report.findings
    assert report.sources_checked == ["cases", COUNCILS]
    parts = report.sources[COUNCILS]
    stored = councils.recorder.max_notification_id()
    assert parts["source_chain"]["ok"] is True and parts["source_chain"]["events"] == stored
    assert parts["source_chain"]["checkpoint_status"] == "given"
    assert parts["checkpoint"]["status"] == "verified"
    assert parts["checkpoint"]["notification_id"] == stored
    assert parts["audit_copy"]["source_events"] == parts["checkpoint"]["events_covered"] > 5


def _rewrite_first_event(councils: Any, councils_url: str, rechain: bool) -> tuple[str, int]:
    """The lyngen council's forming event says another actor formed it."""
    t = Tamper(councils, councils_url)
    nid, oid, version, _, state = t.rows()[0]
    t.set_state(nid, json.dumps({**json.loads(state), "actor": "mallory"}).encode())
    if rechain:
        t.rechain_from(nid)
    return str(oid), int(version)


def test_a_changed_council_event_is_named_by_the_source_chain_and_the_copy(
    audited: Database,
    cases_owner: OwnerApi,
    councils_owner: OwnerApi,
    councils: Any,
    councils_url: str,
) -> None:
    council, version = _rewrite_first_event(councils, councils_url, rechain=False)
    report = _verify(audited, cases_owner, councils_owner)
    _councils_only(report)
    assert [(k, UUID(str(a)), v) for k, _, a, v in where(report, "source_chain")] == [
        ("altered", UUID(council), version)
    ]
    assert [(k, v) for k, _, _, v in where(report, "audit_copy")] == [("altered", version)]


def test_a_consistent_rewrite_of_the_councils_store_is_named_through_its_checkpoint(
    audited: Database,
    cases_owner: OwnerApi,
    councils_owner: OwnerApi,
    councils: Any,
    councils_url: str,
) -> None:
    council, version = _rewrite_first_event(councils, councils_url, rechain=True)
    report = _verify(audited, cases_owner, councils_owner)
    _councils_only(report)
    assert [k for k, _, _, _ in where(report, "source_chain")] == ["checkpoint_mismatch"]
    for part in ("audit_copy", "checkpoint"):  # the copy holds what was published, signed
        found = [(k, UUID(str(a)), v) for k, _, a, v in where(report, part)]
        assert found == [("altered", UUID(council), version)], part


def test_a_forged_councils_checkpoint_is_named(
    audited: Database, cases_owner: OwnerApi, councils_owner: OwnerApi, councils: Any
) -> None:
    topic, ce_id, data = signed_head(councils, COUNCILS, TOPIC)
    checkpoints.record(audited, [(topic, ce_id + "x", {**data, "hash": "0" * 64})])
    report = _verify(audited, cases_owner, councils_owner)
    assert [(f.kind, f.part, f.service) for f in report.findings] == [
        ("checkpoint_forged", "checkpoint", COUNCILS)
    ]


def test_the_councils_part_of_the_copy_tampered_is_named(
    audited: Database, cases_owner: OwnerApi, councils_owner: OwnerApi
) -> None:
    first, second = _seq_of(audited, 1), _seq_of(audited, 2)
    record = row(audited, second)
    data = json.loads(record["data"])
    rewrite(audited, second, json.dumps({**data, "actor": "mallory"}, sort_keys=True))
    report = _verify(audited, cases_owner, councils_owner)
    _councils_only(report)
    assert where(report, "audit_chain") == []  # rewritten consistently
    version = record["aggregate_version"]
    for part in ("audit_copy", "checkpoint"):
        assert [(k, v) for k, _, _, v in where(report, part)] == [("altered", version)], part

    swap(audited, first, second)
    swapped = _verify(audited, cases_owner, councils_owner)
    _councils_only(swapped)
    moved = ("reordered", COUNCILS, record["aggregate_id"], version - 1)  # after version 2
    assert moved in where(swapped, "audit_copy")
    assert {k for k, _, _, _ in where(swapped, "audit_chain")} >= {"altered", "chain_broken"}
    with audited.write() as tx:
        tx.execute("DELETE FROM rs_audit WHERE seq = ?", (first,))  # now the second event
    gone = _verify(audited, cases_owner, councils_owner)
    _councils_only(gone)
    assert ("missing", COUNCILS, record["aggregate_id"], version) in where(gone, "checkpoint")


def test_events_the_councils_store_keeps_unpublished_do_not_count_as_missing(
    store_url: str, councils: Any, cases_owner: OwnerApi, councils_owner: OwnerApi
) -> None:
    # The electorate (relatives per tilbud, from the cases topic) is stored and chained
    # but never published; the relay's checkpoint signs the whole store, these included.
    electorate = Electorate(tilbud_id="lyngen")
    electorate.apply_case_fact("case-1", 1, "opened", None)
    electorate.apply_case_fact("case-1", 2, "relative_added", "rel-1")
    councils.save(electorate)
    db = Database(store_url)
    feed(councils, Ingestor(db), TOPIC, translate=event_translator(to_wire, TOPIC, wire.SOURCE))
    checkpoints.record(db, [signed_head(councils, COUNCILS, TOPIC)])

    report = verify_all(db, {COUNCILS: gather(councils_owner)})

    assert report.ok, report.findings
    parts = report.sources[COUNCILS]
    assert parts["checkpoint"]["notification_id"] == councils.recorder.max_notification_id()
    assert parts["checkpoint"]["status"] == "verified"
