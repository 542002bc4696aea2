"""``shared.sqldb`` runs SQLAlchemy Core statements beside its ``?`` strings, on SQLite
and PostgreSQL: selects, inserts (one and many), updates, deletes, the dialect's upsert,
IN lists of any length, DDL; a statement of the same shape is compiled once."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.schema import CreateTable

from shared.sqldb import Database

meta = sa.MetaData()
counts = sa.Table(
    "sqlcore_counts",
    meta,
    sa.Column("k", sa.Text, primary_key=True),
    sa.Column("n", sa.BigInteger, nullable=False),
    sa.Column("note", sa.Text),
)


@pytest.fixture
def db(store_url: str) -> Database:
    database = Database(store_url)
    with database.write() as tx:
        tx.execute(CreateTable(counts, if_not_exists=True))
    return database


def _add(db: Database, key: str, n: int) -> None:
    with db.write() as tx:
        ins = tx.insert(counts).values(k=key, n=n)
        tx.run(
            ins.on_conflict_do_update(
                index_elements=[counts.c.k], set_={"n": counts.c.n + ins.excluded.n}
            )
        )


def test_core_statements_write_and_read_what_strings_see(db: Database) -> None:
    with db.write() as tx:
        tx.executemany(sa.insert(counts), [{"k": "a", "n": 1}, {"k": "b", "n": 2}])
        changed = tx.run(sa.update(counts).where(counts.c.k == "b").values(note="two"))
        tx.run(sa.delete(counts).where(counts.c.k == "nothing"))
    with db.read() as tx:
        assert changed == 1
        assert tx.all("SELECT k, n, note FROM sqlcore_counts ORDER BY k") == [
            ("a", 1, None),
            ("b", 2, "two"),
        ]
        assert tx.dicts(sa.select(counts.c.k, counts.c.n).where(counts.c.n > 1)) == [
            {"k": "b", "n": 2}
        ]
        assert tx.scalar(sa.select(sa.func.count()).select_from(counts)) == 2


def test_the_dialects_upsert_adds_to_the_row_already_there(db: Database) -> None:
    for n in (1, 10, 100):
        _add(db, "a", n)
    with db.read() as tx:
        assert tx.all(sa.select(counts.c.k, counts.c.n)) == [("a", 111)]


def test_a_shape_is_compiled_once_and_values_of_each_build_are_used(db: Database) -> None:
    for i in range(5):
        with db.write() as tx:
            tx.run(sa.insert(counts).values(k=f"k{i}", n=i))
    with db.read() as tx:
        found = [tx.scalar(sa.select(counts.c.n).where(counts.c.k == f"k{i}")) for i in range(5)]
        wanted = tx.scalar(
            sa.select(counts.c.n).where(counts.c.k == sa.bindparam("key")), {"key": "k3"}
        )
    assert found == [0, 1, 2, 3, 4]
    assert wanted == 3
    assert len(db.compiler._cache) <= 4  # insert, two selects, (SQLite) none else


def test_in_lists_of_any_length_and_pipelined_reads(db: Database) -> None:
    with db.write() as tx:
        tx.executemany(sa.insert(counts), [{"k": f"k{i}", "n": i} for i in range(10)])
    with db.read() as tx:
        for size in (1, 3, 7):
            keys = [f"k{i}" for i in range(size)] + ["absent"]
            rows = tx.all(sa.select(counts.c.k).where(counts.c.k.in_(keys)).order_by(counts.c.k))
            assert [r[0] for r in rows] == sorted(keys[:-1])
        many = tx.many_dicts(
            [
                (sa.select(counts.c.n).where(counts.c.k == "k2"), {}),
                ("SELECT n FROM sqlcore_counts WHERE k = ?", ("k5",)),
            ]
        )
    assert many == [[{"n": 2}], [{"n": 5}]]


def test_a_failed_core_write_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as tx:
        tx.run(sa.insert(counts).values(k="gone", n=1))
        raise RuntimeError("changed my mind")
    with db.read() as tx:
        assert tx.all(sa.select(counts.c.k)) == []


def test_concurrent_writers_add_up(db: Database) -> None:
    """Writers in threads (BEGIN IMMEDIATE on SQLite, row locks on PostgreSQL) lose
    no increment through the shared compiled forms."""

    def add() -> None:
        for _ in range(10):
            _add(db, "a", 1)

    threads = [threading.Thread(target=add) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.read() as tx:
        assert tx.scalar(sa.select(counts.c.n).where(counts.c.k == "a")) == 40
