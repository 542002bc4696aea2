"""Verify on a live system: events keep arriving while it reads the audit store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.cases.application import CasesApplication
from services.councils.adapters.wire import to_wire
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from services.councils.tests.builders import new_council
from services.readside.adapters import audit
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.sources import owner_events
from services.readside.adapters.verify import verify
from services.readside.tests.casefeed import busy_case, feed
from shared.contracts import councils as wire
from shared.relay.relay import event_translator
from shared.sqldb import Database, Tx

TOPIC = "pkraft.councils.v1"


class Stream(threading.Thread):
    """Forms councils and ingests their events into the audit store until stopped."""

    def __init__(self, db: Database, councils_url: str) -> None:
        super().__init__(daemon=True)
        self.ingestor = Ingestor(db)
        self.app = build_application(CouncilsSettings(database_url=councils_url))
        self.translate = event_translator(to_wire, TOPIC, wire.SOURCE)
        self.stop = threading.Event()
        self.batches = 0
        self.progress = threading.Condition()
        self.error: BaseException | None = None

    def run(self) -> None:
        position = 0
        try:
            while not self.stop.is_set():
                self.app.save(new_council(tilbud_id=f"t-{self.batches}"))
                position = feed(self.app, self.ingestor, TOPIC, position, self.translate)
                with self.progress:
                    self.batches += 1
                    self.progress.notify_all()
        except BaseException as exc:  # surfaced by the test
            self.error = exc
            with self.progress:
                self.progress.notify_all()

    def wait_for(self, batches: int) -> None:
        with self.progress:
            assert self.progress.wait_for(lambda: self.batches >= batches or self.error, 30)

    def close(self) -> None:
        self.stop.set()
        if self.ident is not None:
            self.join(30)
        self.app.close()
        assert self.error is None, self.error


@pytest.fixture
def stream(store_url: str, tmp_path: Path) -> Iterator[tuple[Database, Stream]]:
    db = Database(store_url)
    writer = Stream(db, f"sqlite:///{tmp_path}/councils.sqlite")
    yield db, writer
    writer.close()
    db.close()


def test_verify_reads_one_snapshot_while_events_stream_in(
    stream: tuple[Database, Stream],
    cases: CasesApplication,
    cases_owner: OwnerApi,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, writer = stream
    busy_case(cases)
    feed(cases, Ingestor(db))
    writer.start()
    writer.wait_for(2)
    paging = audit.iterate

    def after_the_heads(tx: Tx, batch: int = 5000) -> Iterator[dict[str, Any]]:
        # Verify has read the chain heads; more events are committed before it pages
        # through the rows, and more while it pages (three rows a page).
        writer.wait_for(writer.batches + 3)
        for n, row in enumerate(paging(tx, 3)):
            if n % 3 == 0:
                writer.wait_for(writer.batches + 1)
            yield row

    monkeypatch.setattr(audit, "iterate", after_the_heads)
    report = verify(db, {"cases": owner_events(cases_owner)})
    assert report.ok, report.findings
    assert report.records > 13 and "cases" in report.sources_checked
