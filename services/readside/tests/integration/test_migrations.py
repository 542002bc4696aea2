"""The read side's database from the previous release upgrades in place.

``fixtures/readside_7728eb6.sql`` is a database made by release 7728eb6's own code (a
busy case ingested), dumped as SQL. Loaded into SQLite or PostgreSQL, it is migrated
to this release's schema: every audited row is still there and its chains verify, the
table that went (``rs_offsets``) is gone, and ingesting goes on where it stopped.
Outside dev mode a database that is behind is refused until `pkraft readside migrate`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.schema import MIGRATIONS
from services.readside.adapters.verify import verify
from services.readside.tests.casefeed import cases_app, feed, quiet_case
from shared import migrations
from shared.eventstore import StoreUrl
from shared.migrations import SchemaBehind
from shared.sqldb import Database

FIXTURE = Path(__file__).parent.parent / "fixtures" / "readside_7728eb6.sql"
AUDIT_COLUMNS = "seq, topic, ce_id, ce_type, aggregate_id, aggregate_version, data, hash"


def load_previous_release(url: str) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    sql = "\n".join(line for line in lines if not line.startswith("--")) + "\n"
    statements = [s for s in sql.split(";\n") if s.strip()]
    store = StoreUrl.parse(url)
    if store.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(store.sqlite_path) as conn:
            for statement in statements:
                conn.execute(statement)
        return
    with psycopg.connect(store.psycopg_conninfo(), autocommit=True) as conn:
        conn.execute(f"SET search_path TO {store.schema}")
        for statement in statements:
            conn.execute(statement.replace("%", "%%"))


def tables(db: Database) -> set[str]:
    with db.read() as tx:
        if db.postgres:
            rows = tx.all(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                (db.url.schema,),
            )
        else:
            rows = tx.all("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {str(r[0]) for r in rows}


def audit_rows(db: Database) -> list[tuple[object, ...]]:
    with db.read() as tx:
        return [tuple(r) for r in tx.all(f"SELECT {AUDIT_COLUMNS} FROM rs_audit ORDER BY seq")]


def test_a_database_of_the_previous_release_upgrades_in_place(
    store_url: str, tmp_path: Path
) -> None:
    load_previous_release(store_url)
    db = Database(store_url)
    try:
        before = audit_rows(db)
        assert len(before) == 13 and "rs_offsets" in tables(db)
        assert migrations.current(store_url, MIGRATIONS) is None

        ingestor = Ingestor(db)  # dev mode: migrated at start

        assert migrations.current(store_url, MIGRATIONS) == migrations.head(MIGRATIONS)
        assert audit_rows(db) == before
        assert "rs_offsets" not in tables(db) and "rs_checkpoints" in tables(db)
        assert verify(db, {}).ok
        cases = cases_app(str(tmp_path / "cases.sqlite"))
        quiet_case(cases)
        assert feed(cases, ingestor) > 0
        after = audit_rows(db)
        assert after[: len(before)] == before and len(after) > len(before)
        assert after[len(before)][0] == int(str(before[-1][0])) + 1  # seq goes on
        assert verify(db, {}).ok
    finally:
        db.close()


def test_outside_dev_mode_a_database_behind_is_refused_until_migrated(store_url: str) -> None:
    load_previous_release(store_url)
    db = Database(store_url)
    try:
        with pytest.raises(SchemaBehind, match="pkraft readside migrate"):
            Ingestor(db, upgrade=False)
        assert "rs_offsets" in tables(db)  # refused: nothing changed

        env = {**os.environ, "PKRAFT_READSIDE_DATABASE_URL": store_url}
        command = [str(Path(sys.executable).parent / "pkraft"), "readside", "migrate"]
        first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        assert "none -> r0003" in first.stdout
        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert "nothing to do" in again.stdout

        Ingestor(db, upgrade=False)  # at head now: starts
        assert len(audit_rows(db)) == 13
    finally:
        db.close()
