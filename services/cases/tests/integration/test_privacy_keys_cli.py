"""The operator's side: the master key, its rotation and erasure from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.cases.bootstrap import build, build_application
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.integration.privacy_flow import CW, drive_case
from shared.auth import AuthError
from shared.config import CommonSettings
from shared.privacy.envelope import MasterKeyError


def _events(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM stored_events ORDER BY rowid").fetchall()


def test_rotate_rewraps_the_keys_and_erase_works_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, old_key, new_key = tmp_path / "c.sqlite", tmp_path / "old.key", tmp_path / "new.key"
    url = f"sqlite:///{db}"
    settings = CasesSettings(database_url=url, master_key_file=str(old_key))
    with TestClient(create_app(settings)) as client:
        case = drive_case(client)
    before = _events(db)
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", url)
    monkeypatch.setenv("PKRAFT_CASES_MASTER_KEY_FILE", str(old_key))

    done = CliRunner().invoke(
        pkraft, ["cases", "rotate-master-key", "--new-key-file", str(new_key)]
    )
    assert done.exit_code == 0, done.output
    assert "rewrapped 4 data keys" in done.output  # citizen, 2 relatives, snapshots
    assert _events(db) == before  # no event row is rewritten

    with pytest.raises(MasterKeyError):  # the old master key opens nothing any more
        build_application(settings).get_case(UUID(case.case_id))

    monkeypatch.setenv("PKRAFT_CASES_MASTER_KEY_FILE", str(new_key))
    subject = f"relative:{case.case_id}:{case.karen}"
    erased = CliRunner().invoke(
        pkraft, ["privacy", "erase", "--subject", subject, "--reason", "retention_expired"]
    )
    assert erased.exit_code == 0, erased.output
    assert json.loads(erased.output)["subject_id"] == subject
    unknown = CliRunner().invoke(
        pkraft, ["privacy", "erase", "--subject", f"citizen:{case.karen}", "--reason", "other"]
    )
    assert unknown.exit_code != 0

    with TestClient(create_app(settings.model_copy(update={"master_key_file": str(new_key)}))) as c:
        state = c.get(f"/cases/{case.case_id}", headers=CW).json()
    names = {r["relative_id"]: r["name"] for r in state["relatives"]}
    assert names == {case.karen: None, case.bodil: "Bodil Bjerregaard-Nissen-Ny"}


def test_outside_dev_mode_the_service_needs_its_key_and_a_real_jwt_secret(
    tmp_path: Path,
) -> None:
    prod = CommonSettings(
        dev_mode=False,
        auth_secret="a-real-secret-of-sufficient-length-0123",
        var_dir=tmp_path / "var",
    )
    url = f"sqlite:///{tmp_path}/c.sqlite"
    with pytest.raises(MasterKeyError, match="PKRAFT_CASES_MASTER_KEY_FILE"):
        build_application(CasesSettings(database_url=url, common=prod))
    assert not (tmp_path / "var").exists()

    key = tmp_path / "k.key"
    dev = CasesSettings(database_url=url, master_key_file=str(key))
    build_application(dev).close()  # dev mode makes the key on first start
    assert key.exists()
    build_application(CasesSettings(database_url=url, master_key_file=str(key), common=prod))

    with pytest.raises(AuthError, match="development JWT secret"):
        build(CasesSettings(database_url=url, master_key_file=str(key),
                            common=CommonSettings(dev_mode=False)))  # fmt: skip
