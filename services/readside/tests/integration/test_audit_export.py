"""An exported history can be re-checked outside the system: `pkraft audit verify-export
FILE` needs no database and no settings, and the hash recipe in docs/audit.md is
re-implemented here in JavaScript to show it does not depend on Python."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from services.cases.application import CasesApplication
from services.readside.adapters.ingest import Ingestor
from services.readside.domain.chain import HASHED_FIELDS
from services.readside.entrypoints.cli import audit_cli
from services.readside.tests.casefeed import ACTOR, busy_case, feed
from shared.sqldb import Database

runner = CliRunner()
# Settings that would fail if verify-export ever opened a database.
NO_DATABASE = {
    "PKRAFT_READSIDE_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
    "PKRAFT_READSIDE_CASES_API_URL": "http://127.0.0.1:9",
}


@pytest.fixture
def exported(tmp_path: Path, cases: CasesApplication, cases_path: str) -> Path:
    """A busy case with a relative whose name is not ASCII, exported as JSON Lines."""
    case_id = busy_case(cases)
    case: Any = cases.repository.get(case_id)
    case.add_relative(
        "r2",
        name='Søren "Ærø" Ødegård',
        relation="son",
        legal_role="none",
        channels={"email": "s@example.dk"},
        preferred_channel="email",
        actor=ACTOR,
    )
    cases.save(case)
    url = f"sqlite:///{tmp_path}/rs.sqlite"
    db = Database(url)
    feed(cases, Ingestor(db))
    db.close()
    env = {
        "PKRAFT_READSIDE_DATABASE_URL": url,
    }
    result = runner.invoke(audit_cli, ["export", str(case_id)], env=env)
    assert result.exit_code == 0, result.output
    path = tmp_path / "case.jsonl"
    path.write_bytes(result.stdout_bytes)
    return path


def _check(path: Path) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(audit_cli, ["verify-export", str(path)], env=NO_DATABASE)
    return result.exit_code, json.loads(result.stdout)


def test_the_export_holds_every_hashed_field(exported: Path) -> None:
    records = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    assert [r["aggregate_version"] for r in records] == list(range(1, 15))
    for field in (*HASHED_FIELDS, "prev_hash", "hash", "prev_aggregate_hash", "aggregate_hash"):
        assert field in records[0], field
    assert records[0]["ce_type"] == "dk.aarhus.pkraft.cases.case_opened.v2"
    assert json.loads(records[-1]["data"])["relative_id"] == "r2"  # the name stays in cases


def test_an_untouched_export_verifies_offline(exported: Path) -> None:
    code, report = _check(exported)
    assert (code, report["ok"], report["records"]) == (0, True, 14), report


def test_one_changed_byte_is_named(exported: Path) -> None:
    lines = exported.read_bytes().splitlines(keepends=True)
    assert b"threat" in lines[9]  # version 10: the escalation the incident caused
    lines[9] = lines[9].replace(b"threat", b"threau", 1)
    exported.write_bytes(b"".join(lines))
    code, report = _check(exported)
    assert code == 1 and report["counts"] == {"altered": 1}, report
    (finding,) = report["findings"]
    assert (finding["line"], finding["version"], finding["seq"]) == (10, 10, 10)


def test_a_deleted_line_is_named(exported: Path) -> None:
    lines = exported.read_text("utf-8").splitlines(keepends=True)
    del lines[4]  # version 5
    exported.write_text("".join(lines), "utf-8")
    code, report = _check(exported)
    assert code == 1 and report["counts"] == {"missing": 1}, report
    (finding,) = report["findings"]
    assert (finding["line"], finding["version"]) == (5, 6)  # the record after the gap


def test_swapped_and_unreadable_lines_are_named(exported: Path) -> None:
    lines = exported.read_text("utf-8").splitlines(keepends=True)
    lines[2], lines[3] = lines[3], lines[2]
    lines[7] = lines[7][:40] + "\n"
    exported.write_text("".join(lines), "utf-8")
    code, report = _check(exported)
    counts = report["counts"]
    assert code == 1 and counts["unreadable"] == 1 and counts["reordered"] >= 1, report
    assert "altered" not in counts


def test_a_file_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(audit_cli, ["verify-export", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "not_readable" in result.output


NODE_RECIPE = """
const crypto = require("crypto");
const fields = process.argv[1].split(",");
const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
const record = {};
for (const k of [...fields].sort()) record[k] = r[k];
const body = JSON.stringify(record);
const sha = (s) => crypto.createHash("sha256").update(s, "utf8").digest("hex");
console.log(sha(r.prev_hash + body) + " " + sha(r.prev_aggregate_hash + body));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_recipe_recomputed_in_javascript_gives_the_same_hashes(exported: Path) -> None:
    fields = ",".join(HASHED_FIELDS)
    lines = exported.read_text("utf-8").splitlines()
    for line in (lines[0], lines[-1]):  # the first link and the one with æøå and quotes
        record = json.loads(line)
        out = subprocess.run(
            ["node", "-e", NODE_RECIPE, fields],
            input=line.encode(),
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert out.split() == [record["hash"], record["aggregate_hash"]]
