"""The relay's position and the store's incarnations, on SQLite and PostgreSQL (their
tables made by a service's migrations, here the cases service's)."""

from __future__ import annotations

from contextlib import closing

import pytest

from services.cases.adapters.migrations import MIGRATIONS
from shared import migrations
from shared.eventstore import StoreUrl
from shared.relay.positions import Incarnations, open_positions, read_incarnations


@pytest.fixture
def migrated(store_url: str) -> str:
    migrations.upgrade(store_url, MIGRATIONS)
    return store_url


def test_marking_a_store_restored_starts_a_later_incarnation_after_its_end(
    migrated: str,
) -> None:
    url = StoreUrl.parse(migrated)
    with closing(open_positions(url)) as positions:
        positions.set("ahead", 40)
        positions.set("behind", 10)
        assert positions.incarnations().of(25) == 0
        first = positions.mark_restored(30)
        assert positions.get("ahead") == 30  # it had published all of the store
        assert positions.get("behind") == 10  # it re-publishes 11..30, same ids
        incarnations = positions.incarnations()
        assert (incarnations.of(30), incarnations.of(31)) == (0, first)
        second = positions.mark_restored(35)
        assert second > first
    with closing(open_positions(url)) as positions:  # kept in the database
        incarnations = positions.incarnations()
        assert [incarnations.of(n) for n in (30, 31, 35, 36)] == [0, first, first, second]


def test_a_restore_to_before_an_earlier_mark_forgets_that_mark(migrated: str) -> None:
    with closing(open_positions(StoreUrl.parse(migrated))) as positions:
        first = positions.mark_restored(50)
        # restored again, from a backup that holds the first mark but ends at 20
        second = positions.mark_restored(20)
        incarnations = positions.incarnations()
        assert [incarnations.of(n) for n in (20, 21, 60)] == [0, second, second]
        assert first < second


def test_incarnations_of_notification_ids() -> None:
    incarnations = Incarnations([(11, 5), (21, 7)])
    assert [incarnations.of(n) for n in (1, 10, 11, 20, 21, 99)] == [0, 0, 5, 5, 7, 7]
    assert incarnations.current == 7


def test_readers_of_another_process_s_store_read_its_incarnations(store_url: str) -> None:
    url = StoreUrl.parse(store_url)
    if url.kind == "sqlite":  # the store exists (the service created it)
        import sqlite3

        sqlite3.connect(url.sqlite_path).close()
    assert read_incarnations(url).of(99) == 0  # never marked: no table at all
    migrations.upgrade(url, MIGRATIONS)
    with closing(open_positions(url)) as positions:
        incarnation = positions.mark_restored(10)
    assert read_incarnations(url).of(11) == incarnation
