"""Readers of the raw bytes a store keeps (SQLite files, PostgreSQL tables), for the tests
that prove no personal data is readable at rest."""

from __future__ import annotations

from pathlib import Path

import psycopg

from shared.eventstore import StoreUrl


def raw_bytes(database_url: str) -> bytes:
    """Everything the store keeps, as bytes: the SQLite files (with the WAL), or every row
    of every table in the PostgreSQL schema (bytea as its bytes, the rest as text)."""
    store = StoreUrl.parse(database_url)
    if store.kind == "sqlite":
        path = Path(store.sqlite_path)
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    chunks: list[bytes] = []
    with psycopg.connect(store.psycopg_conninfo()) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (store.schema,),
        ).fetchall()
        assert tables
        for (table,) in tables:
            for row in conn.execute(f'SELECT * FROM {store.schema}."{table}"'):
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        chunks.append(bytes(value))
                    else:
                        chunks.append(str(value).encode())
    return b"\n".join(chunks)


def readable(secrets: list[str], stored: bytes) -> list[str]:
    """The secrets found in the stored bytes."""
    return [s for s in secrets if s.encode() in stored]
