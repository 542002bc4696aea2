"""The read side after the cases store was restored from a backup and marked restored:
the new incarnation's events are audited, projected and verified."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from services.cases.adapters.wire import to_wire
from services.cases.application import CasesApplication
from services.readside.adapters import queries
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.sources import owner_events
from services.readside.adapters.verify import verify
from services.readside.domain.envelope import envelope_of
from services.readside.tests.casefeed import cases_api, cases_app, open_case, owner
from shared.contracts import cases as wire
from shared.eventstore import StoreUrl
from shared.kafka.cloudevents import decode
from shared.relay.positions import open_positions
from shared.relay.relay import event_translator
from shared.relay.restore import mark_restored
from shared.relay.source import ApplicationLog
from shared.sqldb import Database

TOPIC = "pkraft.cases.v1"


def relay_into(app: CasesApplication, url: str, ingestor: Ingestor, after: int) -> int:
    """What the cases relay publishes after ``after``, ingested as the consumer does."""
    translate = event_translator(to_wire, TOPIC, wire.SOURCE)
    with closing(open_positions(StoreUrl.parse(url))) as positions:
        batch = ApplicationLog(app, positions).read(after, 1000)
    for position, event in batch:
        record = translate(event)
        assert record is not None
        ce = decode(record.key, record.value, record.headers)
        ingestor.ingest(
            envelope_of(
                topic=TOPIC,
                partition=0,
                offset=position,
                ce_id=ce.id,
                ce_type=ce.type,
                source=ce.source,
                subject=ce.subject,
                time=ce.time,
                data=ce.data,
            ),
            ce.data,
        )
        after = position
    return after


def level(app: CasesApplication, case_id: Any, value: int) -> None:
    case: Any = app.repository.get(case_id)
    marks = {1: ["good_dialogue"], 2: ["dissatisfaction"]}
    case.assess_level(value, marks[value], "Fine", "anna")
    app.save(case)


def test_a_restored_cases_store_s_new_events_are_audited_projected_and_verified(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.sqlite"
    url = f"sqlite:///{path}"
    db = Database(f"sqlite:///{tmp_path}/readside.sqlite")
    ingestor = Ingestor(db)
    app = cases_app(str(path))
    case = open_case(app, "ref-1", "lyngen", None)
    level(app, case.id, 1)
    position = relay_into(app, url, ingestor, 0)
    app.close()
    with sqlite3.connect(path) as src, sqlite3.connect(tmp_path / "backup.sqlite") as dst:
        src.backup(dst)
    app = cases_app(str(path))
    level(app, case.id, 2)  # versions 3 and 4: lost with the restore, but audited
    level(app, case.id, 1)
    relay_into(app, url, ingestor, position)
    app.close()
    with sqlite3.connect(tmp_path / "backup.sqlite") as src, sqlite3.connect(path) as dst:
        src.backup(dst)

    app = cases_app(str(path))
    with closing(open_positions(StoreUrl.parse(url))) as positions:
        restored = mark_restored(ApplicationLog(app), positions, [])
    level(app, case.id, 2)  # version 3 again, in the new incarnation
    relay_into(app, url, ingestor, position)

    with db.read() as tx:
        audited = [r[0] for r in tx.all("SELECT ce_id FROM rs_audit ORDER BY seq")]
        detail = queries.case_detail(tx, str(case.id), "2031-01-01T00:00:00+00:00")
    assert audited[-1] == f"{case.id}:3@{restored.incarnation}"
    assert detail is not None and detail["level"] == 2
    app.close()
    with cases_api(str(path)) as api:  # the cases API lists the new incarnation's ce_ids
        report = verify(db, {"cases": owner_events(owner("cases", api))})
    kinds = sorted((f.kind, f.ce_id) for f in report.findings)
    # The lost events are reported for what they are, and nothing else is.
    assert kinds == [("extra", f"{case.id}:3"), ("extra", f"{case.id}:4")]
