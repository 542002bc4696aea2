"""The Core tables the code writes through (``adapters/tables.py``) are the tables the
migrations make: on a new database and on one of the previous release upgraded in
place, Alembic's comparison finds no column, type, key, index or constraint apart."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import URL

from services.readside.adapters import schema
from services.readside.adapters.tables import DURABLE, metadata
from services.readside.tests.integration.test_migrations import load_previous_release
from shared.eventstore import StoreUrl
from shared.sqldb import Database

NAMES = {t.name for t in DURABLE}


def _engine(url: StoreUrl) -> Any:
    if url.kind == "sqlite":
        return create_engine(f"sqlite:///{url.sqlite_path}", poolclass=pool.NullPool)
    sa_url = URL.create(
        "postgresql+psycopg", username=url.user, host=url.host, port=url.port, database=url.dbname
    )
    options = {"options": f"-c search_path={url.schema}"}
    return create_engine(sa_url, poolclass=pool.NullPool, connect_args=options)


def _differences(url: StoreUrl) -> list[Any]:
    def durable(name: str | None, type_: str, parent: Any) -> bool:
        return type_ != "table" or name in NAMES

    engine = _engine(url)
    try:
        with engine.connect() as conn:
            opts = {"include_name": durable, "compare_type": True}
            context = MigrationContext.configure(conn, opts=opts)
            found: list[Any] = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    # generation tables are declared in the same metadata; they are not migrated
    ours = [d for d in found if _table_of(d) in NAMES]
    if url.kind == "sqlite":  # SQLite lets a non-INTEGER primary key hold NULL (its quirk)
        ours = [d for d in ours if not _nullable_key(d)]
    return ours


def _nullable_key(difference: Any) -> bool:
    if not isinstance(difference, list) or difference[0][0] != "modify_nullable":
        return False
    _, _, table, column, *_ = difference[0]
    return bool(metadata.tables[table].c[column].primary_key)


def _table_of(difference: Any) -> str | None:
    if isinstance(difference, list):  # column changes: [(kind, schema, table, column, ...)]
        return str(difference[0][2])
    item = difference[1]
    return str(getattr(getattr(item, "table", None), "name", None) or item.name)


@pytest.mark.parametrize("start", ["new", "previous release"])
def test_declared_durable_tables_match_the_migrated_schema(store_url: str, start: str) -> None:
    if start == "previous release":
        load_previous_release(store_url)
    db = Database(store_url)
    try:
        schema.prepare(db)
    finally:
        db.close()
    assert _differences(StoreUrl.parse(store_url)) == []
