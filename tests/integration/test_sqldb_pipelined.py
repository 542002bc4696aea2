"""``Database.pipelined_write``: a write transaction whose BEGIN, statements and COMMIT
go out as one pipeline on PostgreSQL, waiting only at ``many_dicts``' reads and at the
end (the read side's ingest). What it commits is what a plain write commits; a failing
statement, even after the reads answered, commits none of the transaction, and the
pooled connection serves the next transaction as before (both stores)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.schema import CreateTable

from shared.sqldb import Database

meta = sa.MetaData()
rows = sa.Table(
    "sqlpipe_rows",
    meta,
    sa.Column("k", sa.Text, primary_key=True),
    sa.Column("n", sa.BigInteger, nullable=False),
)
COUNT = sa.select(sa.func.count()).select_from(rows)
ALL = sa.select(rows.c.k, rows.c.n).order_by(rows.c.k)


@pytest.fixture
def db(store_url: str) -> Iterator[Database]:
    database = Database(store_url, pool_size=1)  # one connection: reuse is certain
    with database.write() as tx:
        tx.execute(CreateTable(rows, if_not_exists=True))
    yield database
    database.close()


def _contents(db: Database) -> list[tuple[str, int]]:
    return [(r["k"], r["n"]) for r in db.read_batch([(ALL, {})])[0]]


def test_reads_see_earlier_statements_and_the_writes_commit(db: Database) -> None:
    with db.pipelined_write() as tx:
        tx.executemany(sa.insert(rows), [{"k": "a", "n": 1}, {"k": "b", "n": 2}])
        counted, listed = tx.many_dicts([(COUNT, {}), (ALL, {})])
        assert counted[0]["count_1"] == 2
        assert [r["k"] for r in listed] == ["a", "b"]
        tx.execute(sa.update(rows).where(rows.c.k == "a").values(n=10))
    assert _contents(db) == [("a", 10), ("b", 2)]


def test_a_failing_write_after_the_reads_commits_nothing(db: Database) -> None:
    with db.write() as tx:
        tx.execute(sa.insert(rows).values(k="kept", n=0))
    with pytest.raises(Exception) as failed, db.pipelined_write() as tx:
        tx.execute(sa.insert(rows).values(k="new", n=1))
        assert tx.many_dicts([(COUNT, {})])[0][0]["count_1"] == 2
        tx.execute(sa.insert(rows).values(k="kept", n=2))  # duplicate key
        tx.execute(sa.insert(rows).values(k="later", n=3))
    assert "kept" in str(failed.value) or "UNIQUE" in str(failed.value).upper()
    assert _contents(db) == [("kept", 0)]
    with db.pipelined_write() as tx:  # the connection is back in a usable state
        tx.execute(sa.insert(rows).values(k="next", n=4))
    assert _contents(db) == [("kept", 0), ("next", 4)]


def test_an_error_in_the_caller_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.pipelined_write() as tx:
        tx.execute(sa.insert(rows).values(k="gone", n=1))
        tx.many_dicts([(COUNT, {})])
        raise RuntimeError("the caller gave up")
    assert _contents(db) == []
    with db.pipelined_write() as tx:
        tx.execute(sa.insert(rows).values(k="after", n=1))
    assert _contents(db) == [("after", 1)]
