"""Loading an aggregate asks the key store for its erased subjects: an index (made by
the cases and councils baselines and communication's r0002) answers it,
so a store with millions of subjects does not read every key row per cold load."""

from __future__ import annotations

from services.cases.adapters.migrations import MIGRATIONS
from shared import migrations
from shared.privacy.envelope import MasterKey, new_data_key
from shared.privacy.keystore import TABLE, SubjectKeyStore
from shared.sqldb import Database

QUERY = f"SELECT * FROM {TABLE} WHERE aggregate_id = ? AND erased_at IS NOT NULL"


def test_the_erasures_of_an_aggregate_are_found_by_an_index(store_url: str) -> None:
    migrations.upgrade(store_url, MIGRATIONS)  # the service's migrations make the index
    db = Database(store_url)
    try:
        keys = SubjectKeyStore(MasterKey(new_data_key()), db)
        for i in range(50):
            keys.key_for(f"relative:a{i}:r", f"a{i}", create=True)
        keys.erase("relative:a7:r", "privacy-officer", "subject_request")
        with db.read() as tx:
            if db.postgres:
                tx.execute("SET LOCAL enable_seqscan = off")
                plan = " ".join(str(r[0]) for r in tx.all(f"EXPLAIN {QUERY}", ("a7",)))
            else:
                plan = " ".join(str(r[3]) for r in tx.all(f"EXPLAIN QUERY PLAN {QUERY}", ("a7",)))
        assert f"{TABLE}_erased" in plan, plan
        assert set(keys.erasures("a7")) == {"relative:a7:r"}
    finally:
        db.close()
