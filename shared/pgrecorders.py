"""eventsourcing's PostgreSQL recorders, safe to construct in processes that start together.

A service's API and its relay start at the same moment on a fresh database, and each
constructs the same stores. The library makes its composite types one transaction each,
ignoring "already exists" but not the unique violation a concurrent twin causes, and
makes its tables without a lock. Here tables are made under the schema lock
(:data:`shared.sqltx.SCHEMA_LOCK`, as the services' migrations take it) and a lost race
for a type is tried again, when the twin's types are found made.

``PERSISTENCE_MODULE`` names :class:`PostgresStoreFactory` (``shared.eventstore``), so the
snapshot store and any application recorder not named by topic are these too.
"""

from __future__ import annotations

import psycopg
from eventsourcing.persistence import IntegrityError
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresFactory,
    PostgresRecorder,
)
from psycopg import Cursor
from psycopg.rows import DictRow

from shared.sqltx import SCHEMA_LOCK

ATTEMPTS = 5


class SchemaLocked(PostgresRecorder):
    """Tables made under the schema lock; a lost race for a composite type tried again."""

    def create_table(self) -> None:
        for attempt in range(ATTEMPTS):
            try:
                super().create_table()
                return
            except (psycopg.errors.UniqueViolation, IntegrityError):
                if attempt == ATTEMPTS - 1:
                    raise

    def _create_table(self, curs: Cursor[DictRow]) -> None:
        # The tables, indexes and functions: one transaction, under the schema lock.
        curs.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,), prepare=False)
        super()._create_table(curs)


class LockedAggregateRecorder(SchemaLocked, PostgresAggregateRecorder):
    """The library's aggregate recorder (snapshots), made safely."""


class LockedApplicationRecorder(SchemaLocked, PostgresApplicationRecorder):
    """The library's application recorder, made safely."""


class PostgresStoreFactory(PostgresFactory):
    """The library's PostgreSQL factory with recorders made safely."""

    aggregate_recorder_class = LockedAggregateRecorder
    application_recorder_class = LockedApplicationRecorder


FACTORY_TOPIC = "shared.pgrecorders:PostgresStoreFactory"
