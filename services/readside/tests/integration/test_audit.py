"""The auditors' replay, export and verify, against the real cases API (in process)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.sources import owner_events
from services.readside.adapters.verify import verify
from services.readside.tests.casefeed import busy_case, feed, quiet_case
from services.readside.tests.conftest import auth
from shared.sqldb import Database

AUDITOR = auth("auditor", sub="revisor")


def test_replay_shows_a_case_as_it_was_and_what_changed(
    client: TestClient, cases: CasesApplication
) -> None:
    busy = busy_case(cases)
    url = f"/audit/cases/{busy}/replay"
    then = client.get(url, params={"as_of": "5"}, headers=AUDITOR).json()
    assert then["version"] == 5 and then["state"]["level"] is None
    assert then["state"]["move_in_conversation"]["held_at"] is None
    at_time = client.get(url, params={"as_of": then["recorded_at"]}, headers=AUDITOR).json()
    assert at_time["version"] == 5
    change = client.get(url, params={"as_of": "5", "compare_to": "8"}, headers=AUDITOR).json()
    paths = {c["path"]: c for c in change["changes"]}
    assert paths["level"] == {"path": "level", "before": None, "after": 2}
    assert paths["version"]["after"] == 8
    assert paths["move_in_conversation.held_at"]["before"] is None
    bad = client.get(url, params={"as_of": "yesterday"}, headers=AUDITOR)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_as_of"
    too_far = client.get(url, params={"as_of": "99"}, headers=AUDITOR)
    assert too_far.json()["code"] == "version_out_of_range"
    early = client.get(url, params={"as_of": "2001-01-01T00:00:00Z"}, headers=AUDITOR)
    assert early.json()["code"] == "before_case_opened"
    assert client.get(url, headers=auth("leader")).status_code == 403
    nobody = client.get("/audit/cases/00000000-0000-0000-0000-000000000001/replay", headers=AUDITOR)
    assert nobody.status_code == 404


def test_export_gives_the_full_history_as_jsonl_and_csv(
    client: TestClient, cases: CasesApplication
) -> None:
    busy = busy_case(cases)
    feed(cases, client.app.state.service.ingestor)  # type: ignore[attr-defined]
    url = f"/audit/cases/{busy}/export"
    lines = client.get(url, headers=AUDITOR)
    assert lines.headers["content-type"] == "application/x-ndjson"
    records = [json.loads(line) for line in lines.text.splitlines()]
    assert [r["aggregate_version"] for r in records] == list(range(1, 14))
    assert records[1]["type"] == "relative_added"
    assert json.loads(records[1]["data"])["relative_id"] == "r1"  # the hashed JSON text
    assert all(r["actor"] == "anna" for r in records[:3])
    table = client.get(url, params={"format": "csv"}, headers=AUDITOR)
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [int(r["seq"]) for r in rows] == [r["seq"] for r in records]
    assert json.loads(rows[0]["data"])["setting"] == "nursing_home"
    assert client.get(url, params={"format": "xml"}, headers=AUDITOR).status_code == 422


def _copy(db: Database, path: Path) -> Path:
    with sqlite3.connect(db.url.sqlite_path) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return path


def _kinds(path: Path, cases: OwnerApi) -> dict[str, int]:
    copy = Database(f"sqlite:///{path}")
    try:
        return verify(copy, {"cases": owner_events(cases)}).as_dict()["counts"]
    finally:
        copy.close()


@pytest.fixture
def audited(tmp_path: Path, cases: CasesApplication) -> Database:
    db = Database(f"sqlite:///{tmp_path}/audit.sqlite")
    busy_case(cases)
    quiet_case(cases)
    feed(cases, Ingestor(db))
    return db


def test_verify_passes_on_an_untouched_audit_store(
    audited: Database, cases_owner: OwnerApi
) -> None:
    report = verify(audited, {"cases": owner_events(cases_owner)})
    assert report.ok, report.findings
    assert (report.records, report.source_events, report.chains) == (15, 15, 2)


def test_verify_finds_a_changed_byte(
    audited: Database, cases_owner: OwnerApi, tmp_path: Path
) -> None:
    copy = _copy(audited, tmp_path / "byte.sqlite")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE rs_audit SET data = replace(data, 'threat', 'threau') WHERE seq = 10")
    assert _kinds(copy, cases_owner) == {"altered": 2}  # its own hash, and the source's content


def test_verify_finds_a_deleted_row(
    audited: Database, cases_owner: OwnerApi, tmp_path: Path
) -> None:
    copy = _copy(audited, tmp_path / "deleted.sqlite")
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM rs_audit WHERE seq = 5")
    assert _kinds(copy, cases_owner) == {"missing": 1, "chain_broken": 2}


def test_verify_finds_two_swapped_rows(
    audited: Database, cases_owner: OwnerApi, tmp_path: Path
) -> None:
    copy = _copy(audited, tmp_path / "swapped.sqlite")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE rs_audit SET seq = -1 WHERE seq = 3")
        conn.execute("UPDATE rs_audit SET seq = 3 WHERE seq = 4")
        conn.execute("UPDATE rs_audit SET seq = 4 WHERE seq = -1")
    counts = _kinds(copy, cases_owner)
    assert counts["reordered"] == 1 and counts["chain_broken"] >= 2 and "missing" not in counts


def test_verify_over_http_and_the_truncated_tail(
    client: TestClient, cases: CasesApplication
) -> None:
    busy = busy_case(cases)
    feed(cases, client.app.state.service.ingestor)  # type: ignore[attr-defined]
    report = client.get("/audit/verify", headers=AUDITOR).json()
    assert report["ok"] and report["sources_checked"] == ["cases"]
    case = cases.repository.get(busy)
    case.note_dialogue("n1", "phone", "Call", [], "anna")
    cases.save(case)
    late = client.get("/audit/verify", headers=AUDITOR).json()
    assert late["counts"] == {"missing": 1}


def test_replay_asks_the_cases_api_as_the_auditor_who_is_logged_there(
    client: TestClient, cases: CasesApplication, cases_owner: OwnerApi
) -> None:
    busy = busy_case(cases)
    assert client.get(f"/audit/cases/{busy}/replay?as_of=3", headers=AUDITOR).status_code == 200
    log = cases_owner.get(f"/cases/{busy}/access-log", {}).json()["entries"]
    assert [(e["actor"], e["endpoint"]) for e in log] == [("revisor", "GET /cases/{case_id}")]
