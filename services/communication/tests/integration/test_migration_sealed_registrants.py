"""r0002 seals the theme-evening registrants that release 7728eb6 kept in plain text: after
upgrading its database in place no registrant's name or e-mail is in the raw bytes (the
SQLite file with its WAL, the PostgreSQL tables), the evening's sign-ups still read
through the service, and the cancelled sign-up's fields are gone. Twice is once, and an
empty database upgrades as well."""

from __future__ import annotations

import json

import pytest
from alembic import command

from services.communication.adapters.registrant_keys import MIGRATION_MASTER
from services.communication.adapters.schema import MIGRATIONS, migrate
from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.tests import previous_release
from services.communication.tests.conftest import Clock
from shared import migrations
from shared.eventstore import StoreUrl
from shared.privacy.envelope import MasterKey, MasterKeyError
from shared.sqldb import Database
from tests.stored_bytes import raw_bytes

LIVE = [("Deltager 2", "d2@example.dk"), ("Deltager 3", "d3@example.dk")]
CANCELLED = ("Deltager 1", "d1@example.dk")
EVERY = [value for person in [CANCELLED, *LIVE] for value in person]


def found(stored: bytes) -> list[str]:
    return [v for v in EVERY if v.encode() in stored or json.dumps(v)[1:-1].encode() in stored]


def test_the_fixture_keeps_them_in_plain_text(store_url: str) -> None:
    """The control: before the upgrade every name and address is in the raw bytes."""
    previous_release.load(store_url)
    assert found(raw_bytes(store_url)) == EVERY


def test_after_the_upgrade_no_registrant_is_readable_and_the_evening_reads(
    settings: CommunicationSettings, store_url: str, clock: Clock
) -> None:
    previous_release.load(store_url)
    service = build(settings, clock=clock)  # dev mode: migrated at start (r0002 seals)
    try:
        assert migrations.current(store_url, MIGRATIONS) == migrations.head(MIGRATIONS)
        evening = service.evenings.get("ev-1")
        assert [(r.name, r.email, r.status) for r in evening.registrations] == [
            (None, None, "cancelled"),
            (*LIVE[0], "registered"),
            (*LIVE[1], "registered"),
        ]
        with service.store.transaction() as tx:
            told = {m.recipient_id: m.address for m in tx.messages(limit=1000)
                    if m.recipient_type == "registrant"}  # fmt: skip
        assert sorted(a for a in told.values() if a) == ["d2@example.dk", "d3@example.dk"]
        assert found(raw_bytes(store_url)) == []
        late = service.evenings.register("ev-1", "Deltager 4", "d4@example.dk", "anna")
        assert late.status == "waitlisted"
    finally:
        service.close()
    assert found(raw_bytes(store_url)) == []
    assert b"d4@example.dk" not in raw_bytes(store_url)


def upgrade_to(url: StoreUrl, master: MasterKey | None, target: str) -> None:
    """Alembic to ``target`` (not the head), with the master key as ``migrate`` sets it."""
    token = MIGRATION_MASTER.set(master)
    try:
        with migrations._locked(url) as conn:
            command.upgrade(migrations._config(MIGRATIONS, conn), target)
    finally:
        MIGRATION_MASTER.reset(token)


def test_twice_is_once(store_url: str) -> None:
    """r0002 run again (the version set back to r0001) leaves the sealed rows as they are."""
    previous_release.load(store_url)
    master, url = MasterKey.generate(), StoreUrl.parse(store_url)
    upgrade_to(url, master, "r0002")
    db = Database(store_url)
    try:
        first = previous_release.rows(db)
        keys = _keys(db)
        with db.write() as tx:
            tx.run("UPDATE pkraft_schema_version SET version_num = 'r0001'")
        upgrade_to(url, master, "r0002")
        assert previous_release.rows(db) == first
        assert _keys(db) == keys
        assert [k[1] is None for k in keys] == [True, False, False]  # d1's: destroyed
    finally:
        db.close()


def test_r0003_carries_the_sealed_values_over_as_they_are(store_url: str) -> None:
    """The evening's events hold the very ciphertexts r0002 wrote: nothing was opened."""
    previous_release.load(store_url)
    master, url = MasterKey.generate(), StoreUrl.parse(store_url)
    upgrade_to(url, master, "r0002")
    db = Database(store_url)
    try:
        with db.read() as tx:
            (data,) = tx.one("SELECT data FROM comm_evenings")
        sealed = [
            r[f] for r in json.loads(data)["registrations"] for f in ("name", "email") if r[f]
        ]
        assert len(sealed) == 4 and all(v.startswith("sealed:v1:") for v in sealed)
        assert migrate(url, master) == ("r0002", migrations.head(MIGRATIONS))
        table = "theme_evenings_events" if db.postgres else "stored_events"
        with db.read() as tx:
            (state,) = tx.one(f"SELECT state FROM {table}")
        assert all(v.encode() in bytes(state) for v in sealed)
    finally:
        db.close()


def test_an_empty_database_upgrades_without_a_key(store_url: str) -> None:
    assert migrate(StoreUrl.parse(store_url), None) == (None, migrations.head(MIGRATIONS))


def _keys(db: Database) -> list[tuple[object, ...]]:
    with db.read() as tx:
        return [
            tuple(r)
            for r in tx.all(
                "SELECT subject_id, wrapped_key FROM pkraft_subject_keys ORDER BY created_at, "
                "subject_id"
            )
        ]


def test_plain_rows_without_the_master_key_stop_the_upgrade(store_url: str) -> None:
    previous_release.load(store_url)
    with pytest.raises(MasterKeyError):
        migrate(StoreUrl.parse(store_url), None)
    assert migrations.current(store_url, MIGRATIONS) is None  # nothing was written
    assert found(raw_bytes(store_url)) == EVERY
