"""Rows that events of several partitions change (the per-type counters, a member of
staff's training row, code-of-conduct versions and acknowledgements, leader hirings) are
written at the end of each batch in one global order, so two consumers of one group
never deadlock on them: two ingestors of different partitions, each round a batch that
changes the same rows in the opposite order, run many rounds at once without a deadlock
and leave the projections one ingestor makes (PostgreSQL)."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import psycopg
import pytest

from services.readside.adapters.ingest import Delivered, Ingestor, delivered
from services.readside.adapters.meta import active_tables
from services.readside.adapters.verify import verify
from services.readside.domain.envelope import envelope_of
from services.readside.tests.integration.test_partition_chains_concurrent import in_thread
from shared.contracts import councils as wire
from shared.sqldb import Database

pytestmark = pytest.mark.postgres

ROUNDS, STAFF = 12, 8
WHEN = datetime(2031, 3, 1, 12, tzinfo=UTC)


class Stream:
    """Successive councils events of one aggregate on one partition."""

    def __init__(self, partition: int, field: str) -> None:
        self.id, self.partition, self.field, self.version = uuid.uuid4(), partition, field, 0

    def next(self, model: Any, **f: Any) -> Delivered:
        self.version += 1
        keys = {f"{self.field}_id": self.id, f"{self.field}_version": self.version}
        data = model(occurred_at=WHEN, actor="x", **keys, **f).model_dump(mode="json")
        env = envelope_of(
            topic=wire.TOPIC,
            partition=self.partition,
            offset=self.version,
            ce_id=f"{self.id}:{self.version}",
            ce_type=model.ce_type(),
            source=wire.SOURCE,
            subject=str(self.id),
            time=WHEN,
            data=data,
        )
        return delivered(env, data)


def batches(partition: int) -> list[list[Delivered]]:
    """Each round: a training session and acknowledgements of the same staff (in the
    opposite order on partition 1), adoptions of the same version number and hirings
    of the same ids by this partition's own aggregates."""
    training, conduct = Stream(partition, "training"), Stream(partition, "code_of_conduct")
    hirings = Stream(partition, "leader_hirings")
    out = []
    for r in range(ROUNDS):
        staff = [f"s{i}" for i in range(STAFF)]
        staff = staff[::-1] if partition else staff
        people = [wire.TrainingParticipant(staff_id=s, tilbud_id="lyngen") for s in staff]
        held = date(2031, 1, 1 + r)
        batch = [
            training.next(
                wire.TrainingSessionHeld,
                session_id=f"{partition}-{r}",
                course="relatives_collaboration",
                audience="staff",
                held_on=held,
                participants=people,
            ),
            conduct.next(wire.CodeOfConductAdopted, version_number=r + 1, adopted_on=held),
        ]
        batch += [
            conduct.next(
                wire.CodeOfConductAcknowledged,
                version_number=r + 1,
                person_kind="staff",
                person_id=s,
                tilbud_id="lyngen",
                acknowledged_on=held,
            )
            for s in staff
        ]
        batch.append(
            hirings.next(
                wire.LeaderHiringRecorded,
                centre_id="mso-omraade-nord",
                hiring_id=f"h{r}",
                position="tilbud_leader",
                hired_on=held,
                relatives_focus_group=1,
                relatives_hiring_committee=0,
                relatives_other=0,
                decided_by="mso-nord-chef",
            )
        )
        out.append(batch if partition == 0 else batch[::-1])
    return out


def projections(db: Database) -> dict[str, Any]:
    with db.read() as tx:
        t = active_tables(tx)
        tables = (t.trained_staff, t.conduct_versions, t.conduct_acks, t.leader_hirings)
        found = {str(table): tx.all(f"SELECT * FROM {table} ORDER BY 1, 2") for table in tables}
        counts = f"SELECT * FROM {t.event_counts} ORDER BY type"
        return {**found, "counts": tx.all(counts)}


def test_two_ingestors_change_the_same_rows_without_a_deadlock(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    zero, one = batches(0), batches(1)
    first, second = Database(postgres_url), Database(postgres_url)
    alone = Database(f"{postgres_url}_alone")
    try:
        a, b = Ingestor(first), Ingestor(second)
        barrier = threading.Barrier(2)

        def feed(ingestor: Ingestor, rounds: list[list[Delivered]]) -> Callable[[], None]:
            def work() -> None:
                for batch in rounds:
                    barrier.wait()  # each batch starts together with the other's
                    ingestor.ingest_many(batch)

            return work

        with caplog.at_level(logging.WARNING, "services.readside.adapters.ingest"):
            threads = [in_thread(feed(a, zero)), in_thread(feed(b, one))]
            for thread, _ in threads:
                thread.join()
        assert [e for _, errors in threads for e in errors] == []
        assert [r.getMessage() for r in caplog.records if "deadlock" in r.getMessage()] == []
        assert verify(first, {}).ok
        ingested = Ingestor(alone)
        for batch in [*zero, *one]:
            ingested.ingest_many(batch)
        assert projections(first) == projections(alone)
    finally:
        for db in (first, second, alone):
            db.close()
        with psycopg.connect(postgres_url.split("?")[0], autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {alone.url.schema} CASCADE")
