"""A cases database made by release 6acd4e6 (before the service had migrations) is
upgraded in place, on SQLite and PostgreSQL: outside dev mode every process refuses it
(exit 2, naming `pkraft cases migrate`); the command takes it over at the baseline; then
every row beside the event store and every event is still there, the cases read as before
(the erased relative still erased), the relay resumes where it was, and new commands
append."""

from __future__ import annotations

from collections import Counter
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.cases.adapters.migrations import MIGRATIONS
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import auth
from shared import migrations
from shared.config import CommonSettings
from shared.migrations import SchemaBehind
from tests.fixtures import previous_cases

AUDITOR = auth("auditor", "rev")
ENV = "PKRAFT_CASES_DATABASE_URL"


def settings(store_url: str, *, dev_mode: bool) -> CasesSettings:
    key = str(previous_cases.MASTER_KEY)
    return CasesSettings(
        database_url=store_url, master_key_file=key, common=CommonSettings(dev_mode=dev_mode)
    )


def test_a_6acd4e6_database_is_refused_then_migrated_and_reads_as_before(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous_cases.load(store_url)
    before = previous_cases.rows(store_url)
    events = next(rows for table, rows in before.items() if table in previous_cases.EVENTS.values())
    assert all(before.values()) and len(events) == 39  # every table holds rows

    monkeypatch.setenv(ENV, store_url)
    monkeypatch.setenv("PKRAFT_DEV_MODE", "false")
    monkeypatch.setenv("PKRAFT_CASES_MASTER_KEY_FILE", str(previous_cases.MASTER_KEY))
    refused = CliRunner().invoke(pkraft, ["cases", "relay"])
    assert refused.exit_code == 2, refused.output
    assert "pkraft cases migrate" in refused.output
    with pytest.raises(SchemaBehind, match="pkraft cases migrate"):
        build_application(settings(store_url, dev_mode=False))
    assert migrations.current(store_url, MIGRATIONS) is None

    done = CliRunner().invoke(pkraft, ["cases", "migrate"])
    assert done.exit_code == 0, done.output
    assert "none -> r0001" in done.output
    again = CliRunner().invoke(pkraft, ["cases", "migrate"])
    assert "at r0001, nothing to do" in again.output
    assert previous_cases.rows(store_url) == before  # taken over as it was

    with TestClient(create_app(settings(store_url, dev_mode=True))) as client:
        commands = client.app.state.commands  # type: ignore[attr-defined]
        app = commands.app
        ids = sorted({str(UUID(str(e[0]))) for e in events})
        versions = {i: max(int(e[1]) for e in events if str(UUID(str(e[0]))) == i) for i in ids}
        cases = [client.get(f"/cases/{i}", headers=AUDITOR) for i in ids]
        assert [c.status_code for c in cases] == [200, 200]
        assert {c.json()["id"]: c.json()["version"] for c in cases} == versions
        names = Counter(r["name"] for c in cases for r in c.json()["relatives"])
        bodil, karen = "Bodil Bjerregaard-Nissen-Ny", "Karen Kvistgaard-Hansen"
        assert names == {bodil: 2, karen: 1, None: 1}  # one Karen erased, the rest readable
        assert len(list(app.recorder.select_notifications(start=1, limit=1000))) == 39
        r = client.post(f"/cases/{ids[0]}/agreements", json={"topic": "Ny", "responsible": "x"},
                        headers=auth("caseworker"))  # fmt: skip
        assert r.status_code == 201, r.text
        assert r.json()["version"] == versions[ids[0]] + 1
    after = previous_cases.rows(store_url)
    for table in previous_cases.TABLES:
        if table != "pkraft_access_log":  # the reads above were logged, after the old rows
            assert after[table] == before[table]
    assert (
        after["pkraft_access_log"][: len(before["pkraft_access_log"])]
        == before["pkraft_access_log"]
    )
