"""r0002 seals the theme-evening registrants that release 7728eb6 kept in plain text: after
upgrading its database in place no registrant's name or e-mail is in the raw bytes (the
SQLite file with its WAL, the PostgreSQL tables), the evening's sign-ups still read
through the service, and the cancelled sign-up's fields are gone. Twice is once, and an
empty database upgrades as well."""

from __future__ import annotations

import json

import pytest

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
        assert migrations.current(store_url, MIGRATIONS) == "r0002"
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


def test_twice_is_once(store_url: str) -> None:
    """r0002 run again (the version set back to r0001) leaves the sealed rows as they are."""
    previous_release.load(store_url)
    master, url = MasterKey.generate(), StoreUrl.parse(store_url)
    assert migrate(url, master) == (None, "r0002")
    db = Database(store_url)
    try:
        first = previous_release.rows(db)
        keys = _keys(db)
        with db.write() as tx:
            tx.run("UPDATE pkraft_schema_version SET version_num = 'r0001'")
        assert migrate(url, master) == ("r0001", "r0002")
        assert previous_release.rows(db) == first
        assert _keys(db) == keys
        assert [k[1] is None for k in keys] == [True, False, False]  # d1's: destroyed
    finally:
        db.close()


def test_an_empty_database_upgrades_without_a_key(store_url: str) -> None:
    assert migrate(StoreUrl.parse(store_url), None) == (None, "r0002")


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
