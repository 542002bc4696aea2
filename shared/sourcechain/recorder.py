"""Application recorders that chain each stored event in the transaction that stores it.

``APPLICATION_RECORDER_TOPIC`` points eventsourcing at these (``shared.eventstore``). The
link rows go into ``<events table>_chain`` beside the events, in the same transaction:
SQLite serialises writers, and on PostgreSQL eventsourcing already holds an EXCLUSIVE
lock on the events table while it inserts, so the store's head read here is the latest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore
from psycopg import Cursor
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Identifier

from shared.pgrecorders import SchemaLocked
from shared.sourcechain.recipe import GENESIS, ChainRow, canonical_id, next_row

RawEvent = tuple[Any, Any, Any, Any, Any]  # notification id, originator id, version, topic, state
RawLink = tuple[Any, ...]  # the columns of ChainRow
_COLUMNS = (
    "notification_id, originator_id, originator_version, prev_hash, hash, "
    "prev_aggregate_hash, aggregate_hash"
)


def _notification(nid: int, originator_id: Any, version: int, topic: str, state: bytes) -> Any:
    """The library's Notification, made without its frozen dataclass ``__init__`` (a
    ``object.__setattr__`` per field): the relay reads every stored event."""
    made = object.__new__(Notification)
    made.__dict__.update(
        originator_id=originator_id,
        originator_version=version,
        topic=topic,
        state=state,
        id=nid,
    )
    return made


def _links(
    stored: Sequence[StoredEvent],
    ids: Sequence[int],
    head: str,
    prev_of: Any,
) -> list[ChainRow]:
    rows: list[ChainRow] = []
    last: dict[str, tuple[int, str]] = {}
    for event, nid in zip(stored, ids, strict=True):
        oid = canonical_id(event.originator_id)
        version = int(event.originator_version)
        known = last.get(oid)
        prev_aggregate = (
            known[1] if known and known[0] == version - 1 else prev_of(oid, version - 1)
        )
        row = next_row(
            head=head,
            prev_aggregate=prev_aggregate,
            notification_id=nid,
            originator_id=event.originator_id,
            version=version,
            topic=event.topic,
            state=event.state,
        )
        rows.append(row)
        head = row.hash
        last[oid] = (version, row.aggregate_hash)
    return rows


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """SQLite events with their chain links (table ``<events>_chain``)."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        self.chain_table_name = f"{events_table_name}_chain"
        super().__init__(datastore, events_table_name)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {self.chain_table_name} (notification_id INTEGER "
            "PRIMARY KEY, originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, "
            "prev_hash TEXT NOT NULL, hash TEXT NOT NULL, prev_aggregate_hash TEXT NOT NULL, "
            "aggregate_hash TEXT NOT NULL, UNIQUE (originator_id, originator_version))",
        ]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        if not ids:
            return ids
        table = self.chain_table_name
        c.execute(f"SELECT hash FROM {table} ORDER BY notification_id DESC LIMIT 1")
        found = c.fetchone()
        head = str(found[0]) if found else GENESIS

        def prev_of(oid: str, version: int) -> str:
            c.execute(
                f"SELECT aggregate_hash FROM {table} "
                "WHERE originator_id = ? AND originator_version = ?",
                (oid, version),
            )
            row = c.fetchone()
            return str(row[0]) if row else GENESIS

        rows = _links(stored_events, ids, head, prev_of)
        c.executemany(
            f"INSERT INTO {table} ({_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
            [r.as_tuple() for r in rows],
        )
        return ids

    def read_all(self) -> tuple[list[RawEvent], list[RawLink]]:
        """Every stored event and every link, in one read transaction."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                f"FROM {self.events_table_name} ORDER BY rowid"
            )
            events = [tuple(r) for r in c.fetchall()]
            c.execute(f"SELECT {_COLUMNS} FROM {self.chain_table_name} ORDER BY notification_id")
            links = [tuple(r) for r in c.fetchall()]
        return events, links

    def notifications_after(self, after: int, limit: int) -> list[Notification]:
        """``select_notifications(start=after + 1, limit=limit)``, made faster."""
        return [_notification(*r) for r in self.event_rows_after(after, limit)]

    def event_rows_after(self, after: int, limit: int) -> list[RawEvent]:
        """The notifications of :meth:`notifications_after` as (id, originator id,
        version, topic, state) tuples, for the relay's sealed decode."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                f"FROM {self.events_table_name} WHERE rowid>? ORDER BY rowid LIMIT ?",
                (after, limit),
            )
            rows = c.fetchall()
        # A batch holds runs of one aggregate's events: each id parsed once.
        ids = {oid: self.convert_originator_id(oid) for oid in {r[1] for r in rows}}
        return [(r[0], ids[r[1]], r[2], r[3], r[4]) for r in rows]


class ChainedPostgresRecorder(SchemaLocked, PostgresApplicationRecorder):
    """PostgreSQL events with their chain links (table ``<events>_chain``)."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        self.chain_table_name = f"{events_table_name}_chain"
        self._chain = Identifier(self.datastore.schema, self.chain_table_name)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {} (notification_id bigint PRIMARY KEY, "
                "originator_id text NOT NULL, originator_version bigint NOT NULL, "
                "prev_hash text NOT NULL, hash text NOT NULL, prev_aggregate_hash text NOT NULL, "
                "aggregate_hash text NOT NULL, UNIQUE (originator_id, originator_version))"
            ).format(self._chain)
        )

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # Still inside the inserting transaction, with the events table locked.
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if not ids:
            return ids
        curs.execute(
            SQL("SELECT hash FROM {} ORDER BY notification_id DESC LIMIT 1").format(self._chain)
        )
        found = curs.fetchone()
        head = str(found["hash"]) if found else GENESIS

        def prev_of(oid: str, version: int) -> str:
            curs.execute(
                SQL(
                    "SELECT aggregate_hash FROM {} WHERE originator_id = %s "
                    "AND originator_version = %s"
                ).format(self._chain),
                (oid, version),
            )
            row = curs.fetchone()
            return str(row["aggregate_hash"]) if row else GENESIS

        rows = _links(stored_events, ids, head, prev_of)
        curs.executemany(
            SQL("INSERT INTO {} ({}) VALUES (%s,%s,%s,%s,%s,%s,%s)").format(
                self._chain, SQL(_COLUMNS)
            ),
            [r.as_tuple() for r in rows],
        )
        return ids

    def read_all(self) -> tuple[list[RawEvent], list[RawLink]]:
        """Every stored event and every link, in one repeatable-read snapshot."""
        events_table = Identifier(self.datastore.schema, self.events_table_name)
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cur.execute(
                SQL(
                    "SELECT notification_id, originator_id, originator_version, topic, state "
                    "FROM {} ORDER BY notification_id"
                ).format(events_table)
            )
            events = [tuple(r.values()) for r in cur.fetchall()]
            cur.execute(
                SQL("SELECT {} FROM {} ORDER BY notification_id").format(SQL(_COLUMNS), self._chain)
            )
            links = [tuple(r.values()) for r in cur.fetchall()]
        return events, links

    def notifications_after(self, after: int, limit: int) -> list[Notification]:
        """``select_notifications(start=after + 1, limit=limit)``, made faster."""
        return [_notification(*r) for r in self.event_rows_after(after, limit)]

    def event_rows_after(self, after: int, limit: int) -> list[RawEvent]:
        """The notifications of :meth:`notifications_after` as (id, originator id,
        version, topic, state) tuples, for the relay's sealed decode."""
        statement = SQL(
            "SELECT notification_id, originator_id, originator_version, topic, state "
            "FROM {} WHERE notification_id>%s ORDER BY notification_id LIMIT %s"
        ).format(Identifier(self.datastore.schema, self.events_table_name))
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as curs:
            curs.execute(statement, (after, limit), prepare=True)
            return [(r[0], r[1], r[2], r[3], bytes(r[4])) for r in curs.fetchall()]


SQLITE_TOPIC = "shared.sourcechain.recorder:ChainedSQLiteRecorder"
POSTGRES_TOPIC = "shared.sourcechain.recorder:ChainedPostgresRecorder"


def chain_head(recorder: Any, upto: int) -> tuple[int, str] | None:
    """The last link at or before notification ``upto`` (None for an unchained store)."""
    name = getattr(recorder, "chain_table_name", None)
    if name is None:
        return None
    if isinstance(recorder, ChainedPostgresRecorder):
        table = Identifier(recorder.datastore.schema, name)
        query = SQL(
            "SELECT notification_id, hash FROM {} WHERE notification_id <= %s "
            "ORDER BY notification_id DESC LIMIT 1"
        ).format(table)
        with recorder.datastore.get_connection() as conn, conn.cursor() as cur:
            cur.execute(query, (upto,))
            pg_row = cur.fetchone()
        return (int(pg_row["notification_id"]), str(pg_row["hash"])) if pg_row else None
    with recorder.datastore.transaction(commit=False) as c:
        c.execute(
            f"SELECT notification_id, hash FROM {name} WHERE notification_id <= ? "
            "ORDER BY notification_id DESC LIMIT 1",
            (upto,),
        )
        row = c.fetchone()
    return (int(row[0]), str(row[1])) if row else None
