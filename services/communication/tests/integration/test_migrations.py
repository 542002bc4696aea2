"""The communication database of the previous release upgrades in place.

``fixtures/communication_7728eb6.sql`` was made by release 7728eb6's own code (cases
with consenting relatives, messages sent and waiting, a newsletter, a survey round, a
complaint timer, a theme evening with a waiting list). Loaded into SQLite or PostgreSQL
and migrated to this release's schema, every row is still there and the service goes
on with it: the waiting message and a new newsletter are sent, the evening takes a new
sign-up onto its waiting list, the outbox continues its positions. Outside dev mode a
database that is behind is refused until ``pkraft communication migrate``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from services.communication.adapters.outbox import OutboxSource
from services.communication.adapters.schema import MIGRATIONS
from services.communication.adapters.store import SqlStore
from services.communication.adapters.templates import JinjaRenderer
from services.communication.application.sender import Sender
from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.tests import previous_release
from services.communication.tests.conftest import Clock, RecordingChannel
from shared import migrations
from shared.config import CommonSettings
from shared.eventstore import StoreUrl
from shared.migrations import SchemaBehind
from shared.privacy.envelope import MasterKey, write_key_file
from shared.sqldb import Database

COUNTS = {
    "comm_inbox": 11,
    "comm_cases": 2,
    "comm_messages": 15,
    "comm_timers": 1,
    "comm_evenings": 1,
    "comm_records": 4,
    "comm_outbox": 25,
}

SEALED = {"comm_messages"}
EVENING = "ev-1"  # at version 6: announced, a cancelled sign-up and two seated
SIGN_UPS = [
    ("77fedbd18d2d456f89ef1795973ff6a0", None, None, "cancelled"),
    ("7d6904b2bd7547699dfa208afe654a77", "Deltager 2", "d2@example.dk", "registered"),
    ("29230af838e746079b1f6791ceb9db9d", "Deltager 3", "d3@example.dk", "registered"),
]
CANCELLED_SIGN_UPS_MESSAGE = "501274e3-1bd5-569f-8448-dab8b60efc55"


async def test_a_database_of_the_previous_release_upgrades_in_place(
    settings: CommunicationSettings, store_url: str, clock: Clock
) -> None:
    previous_release.load(store_url)
    db = Database(store_url)
    try:
        before = previous_release.rows(db)
        assert {t: len(r) for t, r in before.items()} == COUNTS
        waiting = previous_release.waiting(db)
        assert len(waiting) >= 5  # a welcome, the newsletter, a complaint's messages
        assert migrations.current(store_url, MIGRATIONS) is None

        service = build(settings, clock=clock)  # dev mode: migrated at start
        try:
            assert migrations.current(store_url, MIGRATIONS) == migrations.head(MIGRATIONS)
            # r0002 seals the registrants in place; r0003 makes events of the evenings
            after = previous_release.rows(db, gone=previous_release.GONE)
            kept = {t: r for t, r in before.items() if t not in {*SEALED, *previous_release.GONE}}
            assert {t: r for t, r in after.items() if t not in SEALED} == kept
            assert {t: len(after[t]) for t in SEALED} == {t: COUNTS[t] for t in SEALED}

            # Every evening and sign-up, read from the events, in the list and by id.
            evenings, total = service.evenings.page(include_past=True, limit=50, offset=0)
            assert ([e.evening_id for e in evenings], total) == ([EVENING], 1)
            evening = service.evenings.get(EVENING)
            assert (evening.version, evening.status, evening.title) == (6, "announced", "Økonomi")
            assert [
                (r.registration_id, r.name, r.email, r.status) for r in evening.registrations
            ] == SIGN_UPS
            late = service.evenings.register(EVENING, "Deltager 4", "d4@example.dk", "anna")
            assert late.status == "waitlisted"
            assert service.evenings.get(EVENING).version == 7
            assert service.staff.send_newsletter("nl-2", ["lyngen"], "Nyt", "Hej", "anna") == 3

            channel = RecordingChannel()
            sender = Sender(
                service.store,
                {"email": channel},
                contacts=previous_release.contacts(db),
                renderer=JinjaRenderer(),
                clock=clock,
            )
            while await sender.send_next():
                pass
            sent = {m.message_id for m in channel.sent}
            # Every message waiting since the previous release; the one to the sign-up
            # cancelled since then is suppressed (its key destroyed by r0002).
            assert waiting - {CANCELLED_SIGN_UPS_MESSAGE} <= sent
            assert CANCELLED_SIGN_UPS_MESSAGE in waiting - sent
            newsletter = [m for m in channel.sent if m.trigger_id == "newsletter:nl-2"]
            assert sorted(m.recipient_id for m in newsletter) == ["a", "b", "c"]
            assert previous_release.waiting(db) == set()

            positions = [p for p, _ in OutboxSource(service.store.db).read(0, 1000)]
            assert positions[:25] == list(range(1, 26)) and positions[25] == 26
            after = previous_release.rows(db, gone=previous_release.GONE)
            assert set(before["comm_inbox"]) <= set(after["comm_inbox"])
            assert after["comm_outbox"][:25] == before["comm_outbox"]
        finally:
            service.close()
    finally:
        db.close()


def test_outside_dev_mode_a_database_behind_is_refused_until_migrated(store_url: str) -> None:
    previous_release.load(store_url)
    url = StoreUrl.parse(store_url)
    with pytest.raises(SchemaBehind, match="pkraft communication migrate"):
        SqlStore(url, upgrade=False)

    env = {**os.environ, "PKRAFT_COMMUNICATION_DATABASE_URL": store_url}
    command = [str(Path(sys.executable).parent / "pkraft"), "communication", "migrate"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert first.returncode == 0, first.stderr
    assert f"none -> {migrations.head(MIGRATIONS)}" in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert "nothing to do" in again.stdout

    store = SqlStore(url, upgrade=False)  # at head now: starts
    try:
        found = previous_release.rows(store.db, gone=previous_release.GONE)
        assert {t: len(r) for t, r in found.items()} == {
            t: n for t, n in COUNTS.items() if t not in previous_release.GONE
        }
    finally:
        store.close()


def test_a_process_outside_dev_mode_exits_with_the_command_that_upgrades(
    store_url: str, tmp_path: Path
) -> None:
    previous_release.load(store_url)
    key = tmp_path / "communication-master.key"
    write_key_file(key, MasterKey.generate())
    env = {
        **os.environ,
        "PKRAFT_COMMUNICATION_DATABASE_URL": store_url,
        "PKRAFT_COMMUNICATION_MASTER_KEY_FILE": str(key),
        "PKRAFT_DEV_MODE": "false",
    }
    command = [str(Path(sys.executable).parent / "pkraft"), "communication", "consumer"]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert run.returncode == 2
    assert "run `pkraft communication migrate`" in run.stderr


def test_a_new_database_is_made_by_the_migrations(store_url: str) -> None:
    settings = CommunicationSettings(database_url=store_url, common=CommonSettings())
    service = build(settings)
    try:
        assert migrations.current(store_url, MIGRATIONS) == migrations.head(MIGRATIONS)
        tables = previous_release.rows(service.store.db, gone=previous_release.GONE)
        assert all(rows == [] for rows in tables.values())
    finally:
        service.close()


def test_processes_starting_together_migrate_once(store_url: str) -> None:
    """API, consumer and relay start at once in dev mode: one migrates, the others wait
    for the schema lock and find the database at head."""
    url = StoreUrl.parse(store_url)
    start = threading.Barrier(3)

    def open_and_write(n: int) -> None:
        start.wait()
        store = SqlStore(url)
        try:
            with store.transaction() as tx:
                assert tx.put_record("test", f"k{n}", {"n": n})
        finally:
            store.close()

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(open_and_write, range(3)))
    db = Database(store_url)
    try:
        with db.read() as tx:
            assert tx.all("SELECT version_num FROM pkraft_schema_version") == [
                (migrations.head(MIGRATIONS),)
            ]
            assert tx.one("SELECT COUNT(*) FROM comm_records")[0] == 3
    finally:
        db.close()
