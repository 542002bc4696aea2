"""`pkraft audit ...` and `pkraft readside rebuild` as an operator runs them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.cases.application import CasesApplication
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app as create_cases_app
from services.readside.adapters.ingest import Ingestor
from services.readside.entrypoints.cli import audit_cli, cli
from services.readside.tests.casefeed import busy_case, feed
from shared.sqldb import Database
from tests.served import serve_app


@pytest.fixture
def env(tmp_path: Path, cases: CasesApplication, cases_path: str) -> Iterator[dict[str, str]]:
    """The read side's settings; the real cases API served on a free port beside them."""
    url = f"sqlite:///{tmp_path}/rs.sqlite"
    db = Database(url)
    busy_case(cases)
    feed(cases, Ingestor(db))
    db.close()
    settings = CasesSettings(database_url=f"sqlite:///{cases_path}")
    with serve_app(create_cases_app(settings)) as cases_url:
        yield {
            "PKRAFT_READSIDE_DATABASE_URL": url,
            "PKRAFT_READSIDE_CASES_API_URL": cases_url,
            "PKRAFT_READSIDE_COUNCILS_API_URL": "",
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
    gone = {**env, "PKRAFT_READSIDE_CASES_API_URL": "http://127.0.0.1:9"}  # nothing listens
    down = runner.invoke(audit_cli, ["verify"], env=gone)
    assert down.exit_code == 2 and "cases_api_unavailable" in down.output
