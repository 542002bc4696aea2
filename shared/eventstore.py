"""Where a service keeps its events: a database URL turned into eventsourcing settings.

``sqlite:///var/cases.sqlite`` (the default, a file under ``./var``) or
``postgresql://user:password@host:5432/dbname?schema=name`` (production).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from shared.pgrecorders import FACTORY_TOPIC


@dataclass(frozen=True)
class StoreUrl:
    """A parsed event-store location."""

    kind: str  # "sqlite" or "postgres"
    sqlite_path: str = ""
    host: str = ""
    port: int = 5432
    user: str = ""
    password: str = ""
    dbname: str = ""
    schema: str = ""

    @classmethod
    def parse(cls, url: str) -> StoreUrl:
        parsed = urlparse(url)
        if parsed.scheme == "sqlite":
            # sqlite:///relative/path and sqlite:////absolute/path
            path = unquote(parsed.path)[1:]
            if not path:
                raise ValueError("sqlite URL needs a file path: sqlite:///var/cases.sqlite")
            return cls(kind="sqlite", sqlite_path=path)
        if parsed.scheme in ("postgres", "postgresql"):
            query = parse_qs(parsed.query)
            return cls(
                kind="postgres",
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or 5432,
                user=unquote(parsed.username or "postgres"),
                password=unquote(parsed.password or ""),
                dbname=(parsed.path or "/postgres")[1:] or "postgres",
                schema=query.get("schema", [""])[0],
            )
        raise ValueError(f"unsupported database URL scheme: {parsed.scheme!r}")

    def eventsourcing_env(self) -> dict[str, str]:
        """Environment for an eventsourcing Application."""
        if self.kind == "sqlite":
            Path(self.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": self.sqlite_path,
                "SQLITE_LOCK_TIMEOUT": "10",
            }
        env = {
            "PERSISTENCE_MODULE": FACTORY_TOPIC,
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
            "POSTGRES_DBNAME": self.dbname,
            # The library opens its pool's minimum at once: 2 per store, growing to 16 under
            # load, so a dozen processes starting together stay well inside PostgreSQL's
            # max_connections (100 by default); 8 each took them to the limit.
            "POSTGRES_POOL_SIZE": "2",
            "POSTGRES_MAX_OVERFLOW": "14",
            "POSTGRES_CONNECT_TIMEOUT": "10",
        }
        if self.schema:
            env["POSTGRES_SCHEMA"] = self.schema
        return env

    def application_env(self, *, cache_size: int) -> dict[str, str]:
        """eventsourcing settings for a service's Application: the store, a read cache and
        a recorder that chains every stored event as it is written (``shared.sourcechain``).
        Personal fields are encrypted per data subject by ``shared.privacy``, not here."""
        env = self.eventsourcing_env()
        env["APPLICATION_RECORDER_TOPIC"] = (
            "shared.sourcechain.recorder:ChainedSQLiteRecorder"
            if self.kind == "sqlite"
            else "shared.sourcechain.recorder:ChainedPostgresRecorder"
        )
        env["AGGREGATE_CACHE_MAXSIZE"] = str(cache_size)
        return env

    def psycopg_conninfo(self) -> str:
        """libpq connection string (PostgreSQL only)."""
        parts = [
            f"host={self.host}",
            f"port={self.port}",
            f"user={self.user}",
            f"dbname={self.dbname}",
        ]
        if self.password:
            parts.append(f"password={self.password}")
        return " ".join(parts)

    def qualified(self, table: str) -> str:
        """A table name qualified by the configured schema (PostgreSQL)."""
        return f"{self.schema}.{table}" if self.kind == "postgres" and self.schema else table
