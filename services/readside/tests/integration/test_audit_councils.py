"""Verify compares the audit store with the councils service's published events too, as
the real councils API lists them (in process)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from services.councils.adapters.wire import to_wire
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from services.councils.entrypoints.api import create_app as create_councils_app
from services.councils.tests.builders import new_council
from services.readside.adapters.ingest import Ingestor
from services.readside.bootstrap import AuditTools
from services.readside.config import ReadsideSettings
from services.readside.tests.casefeed import cases_api, feed, owner
from shared.contracts import councils as wire
from shared.relay.relay import event_translator
from shared.sqldb import Database

TOPIC = "pkraft.councils.v1"


def test_verify_checks_the_councils_store_and_finds_a_deleted_record(tmp_path: Path) -> None:
    councils_url = f"sqlite:///{tmp_path}/councils.sqlite"
    app = build_application(CouncilsSettings(database_url=councils_url))
    app.save(new_council(tilbud_id="lyngen"))
    app.save(new_council(tilbud_id="skoven"))
    audit_url = f"sqlite:///{tmp_path}/audit.sqlite"
    audit_db = Database(audit_url)
    translate = event_translator(to_wire, TOPIC, wire.SOURCE)
    feed(app, Ingestor(audit_db), TOPIC, translate=translate)
    with audit_db.read() as tx:
        fed = int(tx.one("SELECT count(*) FROM rs_audit")[0])
    settings = ReadsideSettings(database_url=audit_url)
    councils_api = TestClient(create_councils_app(CouncilsSettings(database_url=councils_url)))
    with councils_api, cases_api(str(tmp_path / "cases.sqlite")) as cases:
        owners = {"cases": owner("cases", cases), "councils": owner("councils", councils_api)}
        report = AuditTools(settings, Database(audit_url), owners).verify()
        assert report.ok, report.findings
        assert report.sources_checked == ["cases", "councils"]
        assert report.source_events == fed >= 2

        with sqlite3.connect(tmp_path / "audit.sqlite") as conn:
            conn.execute("DELETE FROM rs_audit WHERE seq = (SELECT max(seq) FROM rs_audit)")
        findings = AuditTools(settings, Database(audit_url), owners).verify().as_dict()["counts"]
        assert findings.get("missing", 0) >= 1
    app.close()


def test_verify_compares_only_the_services_whose_api_is_configured(tmp_path: Path) -> None:
    settings = ReadsideSettings(
        database_url=f"sqlite:///{tmp_path}/audit.sqlite", councils_api_url=""
    )
    db = Database(settings.database_url)
    Ingestor(db)  # an empty audit store
    with cases_api(str(tmp_path / "cases.sqlite")) as cases:
        tools = AuditTools(settings, db, {"cases": owner("cases", cases)})
        assert tools.verify().sources_checked == ["cases"]
    assert set(AuditTools(settings, db).owners) == {"cases"}
