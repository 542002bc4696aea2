"""The councils database is under migrations like every service's: outside dev mode a
process on a database behind this release stops with exit code 2 and names `pkraft
councils migrate`, having made nothing (no schema, no table) and said nothing else; the
command brings it to the newest revision (the tables beside the event store), twice is
once, and then the store opens."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.councils.adapters.migrations import MIGRATIONS
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from shared import migrations
from shared.config import CommonSettings
from shared.eventstore import StoreUrl
from shared.privacy.envelope import ensure_key_file


def made(url: StoreUrl) -> list[str]:
    """What exists of the database at ``url``: its schema's tables (PostgreSQL: the
    schema itself first), the SQLite file's tables."""
    if url.kind == "sqlite":
        if not Path(url.sqlite_path).exists():
            return []
        with closing(sqlite3.connect(url.sqlite_path)) as conn:
            return [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    with psycopg.connect(url.psycopg_conninfo()) as pg:
        schema = pg.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (url.schema,))
        tables = pg.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (url.schema,),
        )
        return ["schema"] * len(schema.fetchall()) + [r[0] for r in tables.fetchall()]


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

    url = StoreUrl.parse(store_url)
    if url.schema:  # a database never started: not even its schema is there
        with psycopg.connect(url.psycopg_conninfo(), autocommit=True) as pg:
            pg.execute(f"DROP SCHEMA {url.schema}")

    for process in ("relay", "consumer"):
        refused = CliRunner().invoke(pkraft, ["councils", process])
        assert refused.exit_code == 2, refused.output
        assert "pkraft councils migrate" in refused.output
        assert "Context impl" not in refused.output  # Alembic's lines of the check
        assert made(url) == []
    assert migrations.current(store_url, MIGRATIONS) is None
    assert made(url) == []

    done = CliRunner().invoke(pkraft, ["councils", "migrate"])
    assert done.exit_code == 0 and "none -> r0001" in done.output, done.output
    again = CliRunner().invoke(pkraft, ["councils", "migrate"])
    assert "at r0001, nothing to do" in again.output
    assert migrations.current(store_url, MIGRATIONS) == migrations.head(MIGRATIONS)

    settings = CouncilsSettings(
        database_url=store_url, master_key_file=str(key), common=CommonSettings(dev_mode=False)
    )
    build_application(settings).close()  # at the newest revision: opens
