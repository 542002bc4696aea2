"""Two consumers of one group on PostgreSQL: ingestors of different partitions do not
wait on each other, ingesting interleaved batches at the same time leaves a copy that
verifies and projections equal to one ingestor's, and a record that commits after one
with a later ``seq`` is still read by whoever follows the chains (rebuild)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from services.readside.adapters import audit
from services.readside.adapters.ingest import Delivered, Ingestor
from services.readside.adapters.meta import active_tables
from services.readside.adapters.verify import verify
from services.readside.tests.builders import CaseStream
from services.readside.tests.integration.test_partition_chains import on
from shared.sqldb import Database

pytestmark = pytest.mark.postgres


def partition_events(partition: int, cases: int) -> list[Delivered]:
    """Events of ``cases`` cases on one partition, all of one tilbud (so both partitions
    add to the same per-type counters)."""
    out: list[Delivered] = []
    for _ in range(cases):
        s = CaseStream("lyngen")
        out += on(partition, s, s.opened(), s.level(2, None), s.level(3, 2), s.level(4, 3))
    return out


def projections(db: Database) -> dict[str, Any]:
    with db.read() as tx:
        t = active_tables(tx)
        return {
            "cases": tx.all(f"SELECT * FROM {t.cases} ORDER BY case_id"),
            "levels": tx.all(f"SELECT * FROM {t.levels} ORDER BY case_id, version"),
            "counts": tx.all(f"SELECT * FROM {t.event_counts} ORDER BY type, tilbud_id"),
        }


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_two_ingestors_of_different_partitions_at_once(postgres_url: str) -> None:
    zero, one = partition_events(0, 6), partition_events(1, 6)
    first, second = Database(postgres_url), Database(postgres_url)
    alone = Database(f"{postgres_url}_alone")
    try:
        a, b = Ingestor(first), Ingestor(second)
        barrier = threading.Barrier(2)

        def feed(ingestor: Ingestor, events: list[Delivered]) -> Callable[[], None]:
            def work() -> None:
                for i in range(0, len(events), 4):
                    barrier.wait()  # each batch starts together with the other's
                    ingestor.ingest_many(events[i : i + 4])

            return work

        threads = [in_thread(feed(a, zero)), in_thread(feed(b, one))]
        for thread, _ in threads:
            thread.join()
        assert [e for _, errors in threads for e in errors] == []
        assert verify(first, {}).ok
        Ingestor(alone).ingest_many([*zero, *one])
        assert projections(first) == projections(alone)
    finally:
        for db in (first, second, alone):
            db.close()
        with psycopg.connect(postgres_url.split("?")[0], autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {alone.url.schema} CASCADE")


def test_an_open_batch_of_one_partition_does_not_hold_up_another(postgres_url: str) -> None:
    zero, one = partition_events(0, 1), partition_events(1, 2)
    db, other = Database(postgres_url), Database(postgres_url)
    try:
        ingestor = Ingestor(db)
        ingestor.ingest_many(zero[:1])
        now = datetime.now(UTC).isoformat()
        with db.write() as tx:  # partition 0's head held, a seq drawn, not committed yet
            late = audit.append(tx, zero[1].env, zero[1].data, now)
            thread, errors = in_thread(lambda: Ingestor(other).ingest_many(one))
            thread.join(timeout=120)  # a guard: waiting on our head would never end
            assert not thread.is_alive() and errors == []
            with other.read() as reader:  # a chain follower sees partition 1 only, for now
                positions: dict[str, int] = {}
                seen = audit.next_rows(reader, positions, 100)
            assert late["seq"] < max(r["seq"] for r in seen)
            assert late["ce_id"] not in {r["ce_id"] for r in seen}
        with other.read() as reader:  # committed now, with the lower seq: not skipped
            assert [r["ce_id"] for r in audit.next_rows(reader, positions, 100)] == [late["ce_id"]]
        assert verify(db, {}).ok
    finally:
        db.close()
        other.close()
