"""A command during a store outage (the database locked by another writer) answers 503
``store_unavailable`` with Retry-After, declared for every write, and leaves no trace."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app as cases_api
from tests.api.conftest import auth

OPENED = {"cpr": "0707614285", "tilbud_id": "lyngen", "setting": "nursing_home"}
PLAN = {
    "focus_areas": ["handling_plan", "conflict_management"],
    "review_date": "2031-07-01",
    "actions": [{"action": "Meeting", "owner": "anna", "due_date": "2031-06-10"}],
}
# A command that needs no new subject key (the key store waits 30 s for its own lock).
LEVEL = {"level": 3, "characteristics": ["difficult_dialogue"], "justification": "x", "plan": PLAN}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, Path]]:
    # Wait 1 s for a lock, not 10 (eventsourcing reads <APPLICATION NAME>_<KEY> first).
    monkeypatch.setenv("PRIVATECASESAPPLICATION_SQLITE_LOCK_TIMEOUT", "1")
    path = tmp_path / "cases.sqlite"
    settings = CasesSettings(database_url=f"sqlite:///{path}")
    with TestClient(cases_api(settings)) as client:
        yield client, path


def test_a_command_while_the_store_is_locked_is_503_and_leaves_no_trace(
    store: tuple[TestClient, Path],
) -> None:
    client, path = store
    r = client.post("/cases", json=OPENED, headers=auth())
    assert r.status_code == 201, r.text
    case_id = r.json()["case_id"]
    version = client.get(f"/cases/{case_id}", headers=auth()).json()["version"]
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        r = client.post(f"/cases/{case_id}/level-assessments", json=LEVEL, headers=auth())
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert r.status_code == 503, r.text
    assert r.json()["code"] == "store_unavailable"
    assert int(r.headers["Retry-After"]) >= 1
    after = client.get(f"/cases/{case_id}", headers=auth()).json()
    assert after["version"] == version
    r = client.post(f"/cases/{case_id}/level-assessments", json=LEVEL, headers=auth())
    assert r.status_code == 201, r.text
    assert r.json()["version"] > version


def test_every_write_declares_the_store_outage(store: tuple[TestClient, Path]) -> None:
    client, _ = store
    for path, methods in client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        for method, op in methods.items():
            if method in {"post", "put", "patch", "delete"}:
                assert "503" in op["responses"], f"{method.upper()} {path}"


@pytest.mark.postgres
def test_a_command_while_postgres_holds_a_lock_is_503(
    postgres_url: str, postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    monkeypatch.setenv("PRIVATECASESAPPLICATION_POSTGRES_LOCK_TIMEOUT", "1")
    schema = postgres_url.rsplit("schema=", 1)[1]
    with TestClient(cases_api(CasesSettings(database_url=postgres_url))) as client:
        case_id = client.post("/cases", json=OPENED, headers=auth()).json()["case_id"]
        version = client.get(f"/cases/{case_id}", headers=auth()).json()["version"]
        with psycopg.connect(postgres_dsn) as locker:
            tables = locker.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
                " AND table_name LIKE '%%events'",
                (schema,),
            ).fetchall()
            assert tables
            for (table,) in tables:
                locker.execute(f"LOCK TABLE {schema}.{table} IN ACCESS EXCLUSIVE MODE")
            r = client.post(f"/cases/{case_id}/level-assessments", json=LEVEL, headers=auth())
            locker.rollback()
        assert r.status_code == 503, r.text
        assert r.json()["code"] == "store_unavailable" and r.headers["Retry-After"]
        assert client.get(f"/cases/{case_id}", headers=auth()).json()["version"] == version
