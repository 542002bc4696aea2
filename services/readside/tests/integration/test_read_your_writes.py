"""Read-your-writes: a case read with ``min_version`` answers from one gated read when
the projection is there, and waits only when it is behind (both stores)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from services.readside import application
from services.readside.adapters import queries
from services.readside.adapters.ingest import INGESTED, Ingestor, delivered
from services.readside.adapters.notified_versions import NotifiedVersions
from services.readside.adapters.read_store import SqlReadStore
from services.readside.application import ReadsideQueries
from services.readside.tests.builders import CaseStream
from shared.contracts import cases as wire
from shared.organisation import load_directory
from shared.sqldb import Database

NOW = "2031-06-01T00:00:00.000000Z"


class CountingStore(SqlReadStore):
    """The SQL read store, counting the reads the read API makes."""

    def __init__(self, db: Database) -> None:
        super().__init__(db, load_directory())
        self.calls: list[str] = []

    def case_detail(
        self, case_id: str, now: str, timeline_limit: int, min_version: int | None = None
    ) -> dict[str, Any] | None:
        self.calls.append("case_detail")
        return super().case_detail(case_id, now, timeline_limit, min_version)

    def case_version(self, case_id: str) -> int | None:
        self.calls.append("case_version")
        return super().case_version(case_id)

    def case_versions(self, case_ids: list[str]) -> dict[str, int]:
        self.calls.append("case_versions")
        return super().case_versions(case_ids)


def test_the_gated_detail_is_there_only_at_the_version(store_url: str) -> None:
    db = Database(store_url)
    try:
        case = CaseStream()
        ingestor = Ingestor(db)
        events = [case.opened(), case.level(3, None), case.next(wire.LeaderAssigned, leader="l")]
        ingestor.ingest_many([delivered(env, data) for env, data in events])
        with db.read() as tx:
            there = queries.case_detail(tx, str(case.case_id), NOW, 10, min_version=3)
            ahead = queries.case_detail(tx, str(case.case_id), NOW, 10, min_version=4)
            plain = queries.case_detail(tx, str(case.case_id), NOW, 10)
        assert there is not None and there == plain
        store = SqlReadStore(db, load_directory())  # one batch (prepared on PostgreSQL)
        for _ in range(2):
            assert store.case_detail(str(case.case_id), NOW, 10, min_version=3) == there
        assert store.case_detail(str(case.case_id), NOW, 10, min_version=4) is None
        assert there["version"] == 3 and len(there["timeline"]) == 3 and there["levels"]
        assert ahead is None
    finally:
        db.close()


def test_a_caught_up_read_is_one_read_and_a_read_ahead_waits_for_the_ingest(
    store_url: str,
) -> None:
    db = Database(store_url)
    try:
        store = CountingStore(db)
        reads = ReadsideQueries(store, wait_ms=5000, poll_ms=2)
        case = CaseStream()
        ingestor = Ingestor(db)
        ingestor.ingest_many([delivered(*case.opened())])
        detail = asyncio.run(reads.case(str(case.case_id), min_version=1))
        assert detail["version"] == 1 and store.calls == ["case_detail"]

        store.calls.clear()
        second = case.level(2, None)

        async def read_ahead() -> dict[str, Any]:
            task = asyncio.create_task(reads.case(str(case.case_id), min_version=2))
            while "case_versions" not in store.calls:  # the read is waiting
                await asyncio.sleep(0.001)
            await asyncio.to_thread(ingestor.ingest_many, [delivered(*second)])
            return await task

        detail = asyncio.run(read_ahead())
        assert detail["version"] == 2 and detail["level"] == 2
        assert store.calls[0] == "case_detail" and store.calls[-1] == "case_detail"
        assert "case_version" not in store.calls
    finally:
        db.close()


@pytest.mark.postgres
def test_a_waiting_read_learns_its_version_from_the_ingest_notification(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no fallback poll within the test: only the notification can end the wait in time
    monkeypatch.setattr(application, "NOTIFIED_FALLBACK_POLL", 30.0)
    db = Database(postgres_url)
    feed = NotifiedVersions(db.url, db.channel(INGESTED))
    try:
        store = CountingStore(db)
        reads = ReadsideQueries(store, wait_ms=10_000, waker=feed)
        case = CaseStream()
        ingestor = Ingestor(db)
        ingestor.ingest_many([delivered(*case.opened())])
        second = case.level(2, None)

        async def read_ahead() -> dict[str, Any]:
            task = asyncio.create_task(reads.case(str(case.case_id), min_version=2))
            while "case_versions" not in store.calls:  # the read is waiting
                await asyncio.sleep(0.001)
            await asyncio.sleep(0.05)  # the watch is listening
            await asyncio.to_thread(ingestor.ingest_many, [delivered(*second)])
            return await asyncio.wait_for(task, 5)

        detail = asyncio.run(read_ahead())
        assert detail["version"] == 2
        assert store.calls == ["case_detail", "case_versions", "case_detail"]
    finally:
        asyncio.run(feed.close())
        db.close()
