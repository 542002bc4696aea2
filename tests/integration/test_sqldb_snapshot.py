"""``shared.sqldb`` reads are snapshots, on SQLite and PostgreSQL: every statement of a
read (``Database.read``) or of a batch of reads (``Database.read_batch``, one round trip
on PostgreSQL) sees the database as it was at the first one; a failed read leaves the
connection it used fit for the next one."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.schema import CreateTable

from shared.sqldb import MISSING_TABLE, Database

meta = sa.MetaData()
marks = sa.Table(
    "sqlsnap_marks",
    meta,
    sa.Column("k", sa.Text, primary_key=True),
    sa.Column("n", sa.BigInteger, nullable=False),
)
gone = sa.Table("sqlsnap_never_made", meta, sa.Column("k", sa.Text))


@pytest.fixture
def db(store_url: str) -> Database:
    database = Database(store_url, pool_size=1)  # one connection: reused by every read
    with database.write() as tx:
        tx.execute(CreateTable(marks, if_not_exists=True))
        tx.run(sa.insert(marks).values(k="a", n=1))
    return database


def _set(db: Database, n: int) -> None:
    with db.write() as tx:
        tx.run(sa.update(marks).where(marks.c.k == "a").values(n=n))


def _n() -> sa.Select[tuple[int]]:
    return sa.select(marks.c.n).where(marks.c.k == "a")


def test_a_read_sees_one_state_of_the_database(store_url: str, db: Database) -> None:
    other = Database(store_url)  # a second writer beside the open snapshot
    try:
        with db.read() as tx:
            first = tx.scalar(_n())
            _set(other, 2)
            again = tx.scalar(_n())
            pipelined = tx.many_dicts([(_n(), {}), (_n(), {})])
    finally:
        other.close()
    assert (first, again, pipelined) == (1, 1, [[{"n": 1}], [{"n": 1}]])
    assert db.read_batch([(_n(), {}), (sa.select(sa.func.count()).select_from(marks), {})]) == [
        [{"n": 2}],
        [{"count_1": 1}],
    ]


def test_a_read_batch_of_a_missing_table_fails_and_the_next_read_works(db: Database) -> None:
    with pytest.raises(MISSING_TABLE):
        db.read_batch([(_n(), {}), (sa.select(gone.c.k), {})])
    assert db.read_batch([(_n(), {})]) == [[{"n": 1}]]
    with db.read() as tx:
        assert tx.scalar(_n()) == 1
    _set(db, 3)  # writes still commit on the connection the reads used
    assert db.read_batch([(_n(), {})]) == [[{"n": 3}]]


def test_a_failed_or_empty_read_leaves_the_connection_fit(db: Database) -> None:
    with pytest.raises(RuntimeError), db.read() as tx:
        tx.scalar(_n())
        raise RuntimeError("stop reading")
    with pytest.raises(MISSING_TABLE), db.read() as tx:
        tx.all(sa.select(gone.c.k))
    with db.read():
        pass
    _set(db, 4)
    with db.read() as tx:
        assert tx.scalar(_n()) == 4


@pytest.mark.postgres
def test_a_read_cannot_write(postgres_url: str) -> None:
    import psycopg

    db = Database(postgres_url, pool_size=1)
    try:
        with db.write() as tx:
            tx.execute(CreateTable(marks, if_not_exists=True))
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction), db.read() as tx:
            tx.run(sa.insert(marks).values(k="b", n=1))
        with db.read() as tx:
            assert tx.scalar(sa.select(sa.func.count()).select_from(marks)) == 0
    finally:
        db.close()
