"""The councils database is under migrations like every service's: outside dev mode a
process on a database behind this release stops with exit code 2 and names `pkraft
councils migrate`; the command brings it to the newest revision (the tables beside the
event store), twice is once, and then the store opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.councils.adapters.migrations import MIGRATIONS
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from shared import migrations
from shared.config import CommonSettings
from shared.privacy.envelope import ensure_key_file


def test_a_database_behind_is_refused_until_migrated(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "councils-master.key"
    ensure_key_file(key)
    monkeypatch.setenv("PKRAFT_COUNCILS_DATABASE_URL", store_url)
    monkeypatch.setenv("PKRAFT_COUNCILS_MASTER_KEY_FILE", str(key))
    monkeypatch.setenv("PKRAFT_DEV_MODE", "false")
    monkeypatch.setenv("PKRAFT_AUTH_SECRET", "a-real-secret-of-sufficient-length-0123")
    monkeypatch.setenv("PKRAFT_VAR_DIR", str(tmp_path / "var"))

    for process in ("relay", "consumer"):
        refused = CliRunner().invoke(pkraft, ["councils", process])
        assert refused.exit_code == 2, refused.output
        assert "pkraft councils migrate" in refused.output
    assert migrations.current(store_url, MIGRATIONS) is None

    done = CliRunner().invoke(pkraft, ["councils", "migrate"])
    assert done.exit_code == 0 and "none -> r0001" in done.output, done.output
    again = CliRunner().invoke(pkraft, ["councils", "migrate"])
    assert "at r0001, nothing to do" in again.output
    assert migrations.current(store_url, MIGRATIONS) == migrations.head(MIGRATIONS)

    settings = CouncilsSettings(
        database_url=store_url, master_key_file=str(key), common=CommonSettings(dev_mode=False)
    )
    build_application(settings).close()  # at the newest revision: opens
