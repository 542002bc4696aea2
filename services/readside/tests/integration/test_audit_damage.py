"""Verify names a damaged record and goes on: an audit row whose JSON no longer parses,
a stored source event that no longer deserialises (the cases API lists it as unreadable)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from uuid import UUID

import pytest

from services.cases.application import CasesApplication
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.sources import owner_events
from services.readside.adapters.verify import verify
from services.readside.tests.casefeed import busy_case, cases_api, feed, owner, quiet_case
from shared.sqldb import Database


@pytest.fixture
def audited(tmp_path: Path, cases: CasesApplication) -> Database:
    db = Database(f"sqlite:///{tmp_path}/audit.sqlite")
    busy_case(cases)
    quiet_case(cases)
    feed(cases, Ingestor(db))
    return db


def test_an_audit_row_whose_json_no_longer_parses_is_named(
    audited: Database, cases_owner: OwnerApi, tmp_path: Path
) -> None:
    with sqlite3.connect(audited.url.sqlite_path) as conn:
        case, version = conn.execute(
            "SELECT aggregate_id, aggregate_version FROM rs_audit WHERE seq = 10"
        ).fetchone()
        conn.execute("UPDATE rs_audit SET data = substr(data, 1, 20) WHERE seq = 10")
    report = verify(audited, {"cases": owner_events(cases_owner)}).as_dict()
    assert report["counts"] == {"altered": 2}  # its hash, and no longer the source's content
    assert report["source_events"] == 15
    for finding in report["findings"]:
        assert (finding["seq"], finding["aggregate_id"], finding["version"]) == (10, case, version)


def test_a_source_event_that_no_longer_deserialises_is_named(
    audited: Database, cases: CasesApplication, cases_path: str
) -> None:
    with sqlite3.connect(cases_path) as conn:
        case, version = conn.execute(
            "SELECT originator_id, originator_version FROM stored_events "
            "ORDER BY rowid LIMIT 1 OFFSET 6"
        ).fetchone()
        conn.execute(
            "UPDATE stored_events SET state = ? WHERE originator_id = ? AND originator_version = ?",
            (b'{"broken', case, version),
        )
    with cases_api(cases_path) as damaged:  # the cases API on the damaged store
        report = verify(audited, {"cases": owner_events(owner("cases", damaged))}).as_dict()
    assert report["counts"] == {"unreadable": 1}
    assert report["source_events"] == 15  # it went on past the damaged event
    (finding,) = report["findings"]
    assert finding["aggregate_id"] == str(UUID(case))
    assert finding["version"] == version and finding["seq"] == 7
