"""`pkraft audit ...` and `pkraft readside rebuild` as an operator runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.cases.application import CasesApplication
from services.readside.adapters.ingest import Ingestor
from services.readside.entrypoints.cli import audit_cli, cli
from services.readside.tests.casefeed import busy_case, feed
from shared.sqldb import Database


@pytest.fixture
def env(tmp_path: Path, cases: CasesApplication, cases_path: str) -> dict[str, str]:
    url = f"sqlite:///{tmp_path}/rs.sqlite"
    db = Database(url)
    busy_case(cases)
    feed(cases, Ingestor(db))
    db.close()
    return {
        "PKRAFT_READSIDE_DATABASE_URL": url,
        "PKRAFT_READSIDE_CASES_DATABASE_URL": f"sqlite:///{cases_path}",
        "PKRAFT_READSIDE_COUNCILS_DATABASE_URL": f"sqlite:///{tmp_path}/no-councils.sqlite",
    }


def test_verify_replay_export_and_rebuild_from_the_command_line(
    env: dict[str, str], cases: CasesApplication, tmp_path: Path
) -> None:
    runner = CliRunner()
    ok = runner.invoke(audit_cli, ["verify"], env=env)
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["ok"] is True
    case_id = str(next(iter(cases.recorder.select_notifications(start=1, limit=1))).originator_id)
    replay = runner.invoke(
        audit_cli, ["replay", case_id, "--as-of", "5", "--compare-to", "8"], env=env
    )
    assert replay.exit_code == 0, replay.output
    assert {"path": "level", "before": None, "after": 2} in json.loads(replay.output)["changes"]
    bad = runner.invoke(audit_cli, ["replay", case_id, "--as-of", "soon"], env=env)
    assert bad.exit_code == 2 and "invalid_as_of" in bad.output
    csv = runner.invoke(audit_cli, ["export", case_id, "--format", "csv"], env=env)
    assert csv.exit_code == 0 and csv.output.splitlines()[0].startswith("seq,topic,kafka_partition")
    assert len(csv.output.splitlines()) == 14
    rebuilt = runner.invoke(cli, ["rebuild"], env=env)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "generation 1 -> 2: 13 events projected" in rebuilt.output
    path = env["PKRAFT_READSIDE_DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM rs_audit WHERE seq = 2")
    broken = runner.invoke(audit_cli, ["verify"], env=env)
    assert broken.exit_code == 1 and json.loads(broken.output)["counts"]["missing"] == 1
