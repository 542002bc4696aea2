"""The tables beside each service's store (relay positions, store incarnations, data
keys) come from the service's migrations only: the code that uses them makes nothing,
so a database is exactly what ``pkraft <service> migrate`` made of it."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from services.cases.adapters.migrations import MIGRATIONS as CASES
from services.communication.adapters.schema import MIGRATIONS as COMMUNICATION
from services.councils.adapters.migrations import MIGRATIONS as COUNCILS
from shared import migrations
from shared.eventstore import StoreUrl
from shared.privacy.envelope import MasterKey, new_data_key
from shared.privacy.keystore import SubjectKeyStore
from shared.relay.positions import open_positions
from shared.sqldb import Database


def tables(url: StoreUrl) -> set[str]:
    """The tables in the database at ``url`` (its schema on PostgreSQL)."""
    db = Database(url)
    try:
        with db.read() as tx:
            if db.postgres:
                rows = tx.all(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                    (url.schema,),
                )
            else:
                rows = tx.all("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(r[0]) for r in rows}
    finally:
        db.close()


def test_the_relay_and_the_key_store_make_no_table(store_url: str) -> None:
    url = StoreUrl.parse(store_url)
    with closing(open_positions(url)):
        pass
    SubjectKeyStore(MasterKey(new_data_key()), Database(url)).close()
    assert tables(url) == set()


@pytest.mark.parametrize(
    "revisions", [CASES, COUNCILS, COMMUNICATION], ids=["cases", "councils", "communication"]
)
def test_each_service_s_migrations_make_what_its_relay_and_keys_use(
    store_url: str, revisions: Path
) -> None:
    url = StoreUrl.parse(store_url)
    migrations.upgrade(url, revisions)
    assert {"pkraft_relay_positions", "pkraft_store_incarnations", "pkraft_subject_keys"} <= tables(
        url
    )
    with closing(open_positions(url)) as positions:
        positions.set("relay", 7)
        incarnation = positions.mark_restored(5)
        assert (positions.get("relay"), positions.incarnations().of(6)) == (5, incarnation)
    keys = SubjectKeyStore(MasterKey(new_data_key()), Database(url))
    try:
        assert keys.key_for("s", "a", create=True) is not None
        assert keys.erase("s", "officer", "request").aggregate_id == "a"
    finally:
        keys.close()
