"""A batch PostgreSQL picks as a deadlock victim is retried and lands once: a real
deadlock, detected by PostgreSQL, between an ingesting batch (it holds its partition's
chain head and waits for a per-type counter row) and another transaction (it holds that
counter row and then asks for the head)."""

from __future__ import annotations

import logging
import time
from contextlib import ExitStack

import psycopg
import pytest

from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.meta import active_tables
from services.readside.adapters.verify import verify
from services.readside.tests.builders import TOPIC, CaseStream
from services.readside.tests.integration.test_partition_chains import on, records
from services.readside.tests.integration.test_partition_chains_concurrent import in_thread
from shared.sqldb import Database

pytestmark = pytest.mark.postgres

GUARD = 60.0  # seconds: a guard against a hang, never reached when the test passes


def _deadlocks(conn: psycopg.Connection) -> int:
    row = conn.execute(
        "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
    ).fetchone()
    return int(row[0]) if row else 0


def _await_blocked(conn: psycopg.Connection, by: int) -> None:
    """Until a session waits for a lock the session ``by`` holds (the batch, blocked by
    our counter row)."""
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline:
        waiting = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", (by,)
        ).fetchone()
        if waiting and waiting[0]:
            return
        time.sleep(0.01)  # polling pg_locks: the waiting batch gives no other signal
    raise AssertionError("the batch never waited for the counter row")


def test_a_deadlock_victim_batch_is_retried_and_lands_once(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    s = CaseStream("lyngen")
    opened, first, second = on(0, s, s.opened(), s.level(2, None), s.level(3, 2))
    db = Database(postgres_url)
    dsn = postgres_url.split("?")[0]
    with ExitStack() as stack:
        stack.callback(db.close)
        ingestor = Ingestor(db)
        ingestor.ingest_many([opened, first])  # the head and the level counter exist
        with db.read() as tx:
            counts = str(active_tables(tx).event_counts)
        watcher = stack.enter_context(psycopg.connect(dsn, autocommit=True))
        other = stack.enter_context(psycopg.connect(dsn))
        other.execute(f"SET search_path TO {db.url.schema}")
        other.execute("SET deadlock_timeout = '60s'")  # the batch detects it first: victim
        before = _deadlocks(watcher)
        other.execute(f"UPDATE {counts} SET n = n WHERE type = 'level_assessed'")
        pid = other.info.backend_pid
        result: list[int] = []
        with caplog.at_level(logging.WARNING, "services.readside.adapters.ingest"):
            thread, errors = in_thread(lambda: result.append(ingestor.ingest_many([second])))
            _await_blocked(watcher, by=pid)  # the batch holds the head, waits for us
            other.execute(  # waits for the batch's head: a deadlock, the batch its victim
                "SELECT * FROM rs_audit_heads WHERE chain = %s FOR UPDATE", (f"{TOPIC}#0",)
            )
            other.rollback()  # the retried batch goes on
            thread.join(GUARD)
        assert not thread.is_alive() and errors == [] and result == [1]
        assert _deadlocks(watcher) > before  # PostgreSQL detected one
        retries = [r.getMessage() for r in caplog.records if "deadlock victim" in r.getMessage()]
        assert retries == [
            "a batch of 1 events was chosen as a deadlock victim; retrying (attempt 2)"
        ]
        assert [r["ce_id"] for r in records(db)] == [e.env.ce_id for e in (opened, first, second)]
        with db.read() as tx:
            n = tx.scalar(f"SELECT n FROM {counts} WHERE type = 'level_assessed'")
        assert n == 2  # counted once
        assert verify(db, {}).ok
