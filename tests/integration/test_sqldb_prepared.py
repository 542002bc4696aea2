"""``Database.read_batch`` on PostgreSQL sends its reads as ``EXECUTE``s of statements
prepared on the connection, the values quoted as literals (``sqltx.PreparedReads``): the
rows must be what the same reads give through psycopg's own parameters (a snapshot's
pipeline), for every kind of value and placeholder; SQLite reads them as before."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.schema import CreateTable, DropTable

from shared.sqlcore import numbered
from shared.sqldb import MISSING_TABLE, Database

meta = sa.MetaData()
things = sa.Table(
    "sqlprep_things",
    meta,
    sa.Column("k", sa.Text, primary_key=True),
    sa.Column("n", sa.BigInteger),
    sa.Column("x", sa.Float),
    sa.Column("note", sa.Text),
)
ROWS: list[dict[str, Any]] = [
    {"k": "plain", "n": 1, "x": 0.5, "note": "a"},
    {"k": "o'quote", "n": 2**62, "x": -1e-300, "note": "it's 100% \\ back\\slash"},
    {"k": "æøå 😀", "n": -7, "x": None, "note": None},
    {"k": "%(k)s $1 ?", "n": 0, "x": 3.0, "note": "line\nbreak\ttab; DROP TABLE x; --"},
]


@pytest.fixture
def db(store_url: str) -> Any:
    database = Database(store_url, pool_size=1)
    with database.write() as tx:
        tx.execute(CreateTable(things, if_not_exists=True))
        tx.executemany(sa.insert(things), ROWS)
    yield database
    with database.write() as tx:
        tx.execute(DropTable(things, if_exists=True))
    database.close()


def _reads() -> list[tuple[Any, Any]]:
    t = things.c
    key: Any = sa.bindparam("key")
    low: Any = sa.bindparam("low")
    return [
        (sa.select(things).order_by(t.k), {}),
        (sa.select(t.k, t.note).where(t.k == key, t.n >= low), {"key": "o'quote", "low": 1}),
        (sa.select(t.n).where(sa.or_(t.k == key, t.note == key)), {"key": ROWS[3]["k"]}),
        (sa.select(t.k).where(t.k.in_(["plain", "æøå 😀", "none"])).order_by(t.k), {}),
        (sa.select(t.k).where(t.n > low).order_by(t.k), {"low": None}),
        (sa.select(t.k).where(t.note.contains("100%", autoescape=True)), {}),
        ("SELECT k FROM sqlprep_things WHERE n = ? OR k = ? ORDER BY k", (1, "%(k)s $1 ?")),
    ]


def test_a_batch_reads_what_the_pipeline_reads(db: Database) -> None:
    with db.read() as tx:
        expected = tx.many_dicts(_reads())
    assert expected[0] == sorted(ROWS, key=lambda r: r["k"])
    assert expected[1] == [{"k": "o'quote", "note": ROWS[1]["note"]}]
    assert expected[2] == [{"n": 0}]
    assert expected[5] == [{"k": "o'quote"}] and expected[4] == []
    for _ in range(3):  # prepared on the first batch, executed again after
        assert db.read_batch(_reads()) == expected
    if db.postgres:  # read as prepared statements, not the pipeline
        with db.read() as tx:
            names = tx.all("SELECT name FROM pg_prepared_statements WHERE left(name, 6) = 'pkraft'")
        assert len(names) == len(_reads())


def test_a_statement_without_a_type_for_its_parameter_is_read_all_the_same(db: Database) -> None:
    untyped: Any = sa.select(sa.bindparam("v").label("v"))
    assert db.read_batch([(untyped, {"v": "x"}), (untyped, {"v": "y"})]) == [
        [{"v": "x"}],
        [{"v": "y"}],
    ]


def test_a_table_made_again_is_read_again(db: Database) -> None:
    read: list[tuple[Any, dict[str, Any]]] = [(sa.select(things.c.k).where(things.c.n == 1), {})]
    assert db.read_batch(read) == [[{"k": "plain"}]]
    with db.write() as tx:
        tx.execute(DropTable(things))
    with pytest.raises(MISSING_TABLE):
        db.read_batch(read)
    with db.write() as tx:
        tx.execute(CreateTable(things))
        tx.executemany(sa.insert(things), ROWS[:1])
    assert db.read_batch(read) == [[{"k": "plain"}]]


def test_numbered_placeholders() -> None:
    assert numbered("a = %(a)s AND b = %(b)s OR a > %(a)s AND c LIKE 'x%%'") == (
        "a = $1 AND b = $2 OR a > $1 AND c LIKE 'x%'",
        ("a", "b"),
    )
    assert numbered("n = %s OR k = %s") == ("n = $1 OR k = $2", (0, 1))
