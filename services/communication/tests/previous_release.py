"""The communication database of release 7728eb6 (``fixtures/communication_7728eb6.sql``,
made by that release's code: see ``fixtures/make_communication_7728eb6.py``), loaded
into SQLite or PostgreSQL as that release would have left it there, and its rows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg

from services.communication.domain.model import Contact
from services.communication.tests.builders import FakeContacts
from shared.eventstore import StoreUrl
from shared.sqldb import Database

FIXTURE = Path(__file__).parent / "fixtures" / "communication_7728eb6.sql"
# Each table with the columns that order its rows.
TABLES = {
    "comm_inbox": "ce_id",
    "comm_cases": "case_id",
    "comm_messages": "message_id",
    "comm_timers": "timer_id",
    "comm_evenings": "evening_id",
    "comm_records": "kind, key",
    "comm_outbox": "position",
}
# What 7728eb6 made on PostgreSQL where the SQLite dump has AUTOINCREMENT.
PG_OUTBOX = (
    "CREATE TABLE comm_outbox (position BIGSERIAL PRIMARY KEY, ce_id TEXT NOT NULL UNIQUE, "
    "ce_type TEXT NOT NULL, subject TEXT NOT NULL, occurred_at TEXT NOT NULL, "
    "data TEXT NOT NULL)"
)


def statements() -> list[str]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line.removesuffix(";") for line in lines if line and not line.startswith("--")]


def load(url: str) -> None:
    store = StoreUrl.parse(url)
    if store.kind == "sqlite":
        with sqlite3.connect(store.sqlite_path) as conn:
            for statement in statements():
                conn.execute(statement)
        return
    with psycopg.connect(store.psycopg_conninfo(), autocommit=True) as conn:
        conn.execute(f"SET search_path TO {store.schema}")
        for statement in statements():
            if "sqlite_sequence" in statement:
                continue
            if statement.startswith("CREATE TABLE comm_outbox"):
                statement = PG_OUTBOX
            conn.execute(statement.replace("%", "%%"))
        conn.execute(  # where the outbox's BIGSERIAL stood after its 25 inserts
            "SELECT setval(pg_get_serial_sequence('comm_outbox', 'position'), "
            "(SELECT MAX(position) FROM comm_outbox))"
        )


# Tables release 7728eb6 had that this release no longer has (r0003 made events of them).
GONE = ("comm_evenings",)


def rows(db: Database, gone: tuple[str, ...] = ()) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the release's tables (leaving out those ``gone`` since)."""
    with db.read() as tx:
        return {
            table: [tuple(r) for r in tx.all(f"SELECT * FROM {table} ORDER BY {order}")]
            for table, order in TABLES.items()
            if table not in gone
        }


def contacts(db: Database) -> FakeContacts:
    """What the cases API would answer for the fixture's relatives."""
    directory = FakeContacts()
    with db.read() as tx:
        for case_id, data in tx.all("SELECT case_id, data FROM comm_cases"):
            for rid, relative in json.loads(data)["relatives"].items():
                directory.known[(case_id, rid)] = Contact(
                    name=f"Navn {rid}",
                    channels={"email": f"{rid}@example.dk"},
                    preferred_channel=None,
                    consents=relative["consents"],
                )
    return directory


def waiting(db: Database) -> set[str]:
    """The messages queued and not yet sent."""
    with db.read() as tx:
        return {
            str(r[0])
            for r in tx.all("SELECT message_id FROM comm_messages WHERE status = 'queued'")
        }
