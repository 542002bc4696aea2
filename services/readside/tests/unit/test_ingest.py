"""Ingesting events: audited once, projected once, repeats change nothing."""

from __future__ import annotations

from pathlib import Path

from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.meta import active_tables
from services.readside.tests.builders import CaseStream
from shared.contracts import cases as wire
from shared.sqldb import Database


def test_a_repeated_delivery_changes_nothing(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/rs.sqlite")
    ingestor = Ingestor(db)
    case = CaseStream()
    events = [case.opened(), case.level(2, None)]
    events.append(case.next(wire.LeaderAssigned, leader="leader-1"))
    for env, data in events:
        assert ingestor.ingest(env, data)
    before = _snapshot(db)
    for env, data in events:
        assert not ingestor.ingest(env, data)
    assert _snapshot(db) == before
    with db.read() as tx:
        t = active_tables(tx)
        row = tx.dicts(f"SELECT version, level, leader FROM {t.cases}")
    assert row == [{"version": 3, "level": 2, "leader": "leader-1"}]
    db.close()


def _snapshot(db: Database) -> object:
    with db.read() as tx:
        t = active_tables(tx)
        return (
            tx.all("SELECT seq, hash FROM rs_audit ORDER BY seq"),
            tx.all(f"SELECT * FROM {t.cases}"),
            tx.all(f"SELECT * FROM {t.event_counts} ORDER BY type"),
        )
