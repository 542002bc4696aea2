"""The operator's side of the councils keys: erasure, the access log's verification and
the master key's rotation from the command line (``pkraft councils ...``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from services.councils.config import CouncilsSettings
from services.councils.domain.council_privacy import person_subject
from services.councils.entrypoints.api import create_app
from services.councils.entrypoints.cli import cli
from services.councils.tests.conftest import ADMIN
from services.councils.tests.integration.privacy_flow import (
    NAMES,
    drive_council,
    ok,
    own_former,
    own_seeder,
)


def test_erase_verify_and_rotate_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, old_key, new_key = (
        f"sqlite:///{tmp_path}/c.sqlite",
        tmp_path / "old.key",
        tmp_path / "n.key",
    )
    settings = CouncilsSettings(database_url=url, master_key_file=str(old_key))
    with TestClient(create_app(settings)) as client:
        driven = drive_council(client, own_former(client), own_seeder(client))
        ok(client.get(f"/councils/{driven.council_id}", headers=ADMIN))
    monkeypatch.setenv("PKRAFT_COUNCILS_DATABASE_URL", url)
    monkeypatch.setenv("PKRAFT_COUNCILS_MASTER_KEY_FILE", str(old_key))
    karen = person_subject(driven.council_id, "r-karen")

    erased = CliRunner().invoke(
        cli, ["erase-subject", "--subject", karen, "--reason", "data_subject_request"]
    )
    assert erased.exit_code == 0, erased.output
    assert json.loads(erased.output)["erased"] is True

    verified = CliRunner().invoke(cli, ["access-log-verify"])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output) == {"ok": True, "rows": 1, "findings": []}

    rotated = CliRunner().invoke(cli, ["rotate-master-key", "--new-key-file", str(new_key)])
    assert rotated.exit_code == 0, rotated.output
    assert new_key.exists()
    with TestClient(create_app(settings.model_copy(update={"master_key_file": str(new_key)}))) as c:
        election = ok(
            c.get(f"/councils/{driven.council_id}/elections/{driven.election_id}", headers=ADMIN)
        )
    assert election["candidate_names"] == {"r-karen": None, "r-bodil": NAMES["r-bodil"]}

    monkeypatch.setenv("PKRAFT_COUNCILS_MASTER_KEY_FILE", str(new_key))
    unknown = CliRunner().invoke(
        cli, ["erase-subject", "--subject", "nonsense", "--reason", "data_subject_request"]
    )
    assert unknown.exit_code == 1 and "invalid_subject_id" in unknown.output
