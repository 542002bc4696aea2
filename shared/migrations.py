"""Schema migrations of a service's own tables (Alembic, on SQLite and PostgreSQL).

A service keeps its revisions in ``<service>/adapters/migrations/versions`` (frozen once
released; the first ones are plain SQL through ``op.execute``, a new one uses ``op.*``
with the service's SQLAlchemy Core table declarations, as ``op.add_column(table_name,
Column(...))``, changing the declaration in the same commit) and calls :func:`prepare`
when it starts:
in dev mode the database is brought to the newest revision; otherwise a database that is
behind is refused with the command that upgrades it (``pkraft <service> migrate``), so an
operator decides when an upgrade runs. Two processes starting at once are serialised (an
advisory lock on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite). Derived tables (the read
side's projections) are not migrated: they are rebuilt.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, event, pool
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from shared.eventstore import StoreUrl
from shared.sqldb import SCHEMA_LOCK

VERSION_TABLE = "pkraft_schema_version"


class SchemaBehind(RuntimeError):
    """The database is older than this release's schema and dev mode is off."""


def _engine(url: StoreUrl) -> Any:
    if url.kind == "sqlite":
        Path(url.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            f"sqlite:///{url.sqlite_path}",
            poolclass=pool.NullPool,
            connect_args={"timeout": 30},
        )

        @event.listens_for(engine, "connect")
        def _no_implicit_begin(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # transactions begin below, explicitly
            # WAL, as every other connection of the services opens it: a database left in
            # rollback-journal mode makes the first of them wait for an exclusive lock.
            dbapi_conn.execute("PRAGMA journal_mode=WAL")

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # one migrator at a time

        return engine
    sa_url = URL.create(
        "postgresql+psycopg",
        username=url.user,
        password=url.password or None,
        host=url.host,
        port=url.port,
        database=url.dbname,
    )
    args = {"options": f"-c search_path={url.schema}"} if url.schema else {}
    return create_engine(sa_url, poolclass=pool.NullPool, connect_args=args)


def _config(script_location: Path, connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["connection"] = connection
    return config


@contextmanager
def _locked(url: StoreUrl) -> Iterator[Connection]:
    engine = _engine(url)
    try:
        with _connected(engine, url) as conn, conn.begin():
            if url.kind == "postgres":
                if url.schema:
                    conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {url.schema}")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
            yield conn
    finally:
        engine.dispose()


@contextmanager
def _connected(engine: Any, url: StoreUrl) -> Iterator[Connection]:
    """A connection; on SQLite, a twin switching the file to WAL at that very moment can
    answer "database is locked" at once (no busy wait for a journal-mode change): again."""
    for attempt in range(5):
        try:
            conn = engine.connect()
            break
        except OperationalError as exc:
            if url.kind != "sqlite" or "locked" not in str(exc) or attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    with conn:
        yield conn


def head(script_location: Path) -> str | None:
    """The newest revision this release knows."""
    return ScriptDirectory(str(script_location)).get_current_head()


def current(database_url: str | StoreUrl, script_location: Path) -> str | None:
    """The revision the database is at (None: never migrated). Read only: a database,
    schema or file that is not there is not made, and Alembic's lines are not said."""
    url = database_url if isinstance(database_url, StoreUrl) else StoreUrl.parse(database_url)
    if url.kind == "sqlite" and not Path(url.sqlite_path).exists():
        return None
    engine = _engine(url)
    quiet = logging.getLogger("alembic.runtime.migration")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # "Context impl ...", "Will assume ... DDL."
    try:
        with _connected(engine, url) as conn:
            if (
                url.schema
                and not conn.exec_driver_sql(
                    "SELECT 1 FROM pg_namespace WHERE nspname = %(s)s", {"s": url.schema}
                ).first()
            ):
                return None
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            return context.get_current_revision()
    finally:
        quiet.setLevel(level)
        engine.dispose()


def upgrade(database_url: str | StoreUrl, script_location: Path) -> tuple[str | None, str | None]:
    """Bring the database to the newest revision; returns (before, after)."""
    url = database_url if isinstance(database_url, StoreUrl) else StoreUrl.parse(database_url)
    with _locked(url) as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        before = context.get_current_revision()
        command.upgrade(_config(script_location, conn), "head")
        return before, head(script_location)


def prepare(
    database_url: str | StoreUrl, script_location: Path, *, upgrade_now: bool, service: str
) -> None:
    """At start: upgrade (dev mode) or refuse a database that is behind."""
    if upgrade_now:
        upgrade(database_url, script_location)
        return
    at, newest = current(database_url, script_location), head(script_location)
    if at != newest:
        raise SchemaBehind(
            f"the {service} database is at schema revision {at or 'none'}, this release needs "
            f"{newest}: run `pkraft {service} migrate` (see docs/operations.md, Upgrading)"
        )
