"""The SQL read store behind the read API (one short read transaction per query).

The reads on the path of read-your-writes (a case's detail, the versions the waiting
reads poll) go in one round trip on PostgreSQL: the generation last seen active is
assumed and its reads sent with the read of the active generation, in one snapshot;
only when that generation is no longer the active one are they read again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.readside.adapters import dashboards, queries
from services.readside.adapters.meta import active_from, active_query, active_tables
from services.readside.adapters.queries import Read
from services.readside.adapters.scope import Scope
from services.readside.adapters.tables import Tables
from shared.organisation import OrganisationDirectory
from shared.sqldb import MISSING_TABLE, Database, Tx

Rows = list[dict[str, Any]]


class SqlReadStore:
    """Implements ``application.ReadStore`` on the read-side database."""

    def __init__(self, db: Database, directory: OrganisationDirectory) -> None:
        self.db = db
        self.directory = directory  # staff numbers and the centres, for some figures
        self._tables: Tables | None = None  # the generation last seen active

    def _read(self, reads: Callable[[Tables], list[Read]]) -> list[Rows]:
        """The rows of ``reads`` of the active generation, in one snapshot."""
        t = self._tables
        if t is not None:
            try:
                active, *found = self.db.read_batch([(active_query(), {}), *reads(t)])
            except MISSING_TABLE:  # that generation was dropped: read it again below
                pass
            else:
                if active_from(active[0]["value"] if active else None).generation == t.generation:
                    return found
        tx: Tx
        with self.db.read() as tx:
            t = self._tables = active_tables(tx)
            return tx.many_dicts(reads(t))

    def list_cases(self, criteria: Any, now: str, limit: int, offset: int) -> dict[str, Any]:
        with self.db.read() as tx:
            return queries.list_cases(tx, criteria, now, limit, offset)

    def case_detail(
        self, case_id: str, now: str, timeline_limit: int, min_version: int | None = None
    ) -> dict[str, Any] | None:
        found = self._read(
            lambda t: queries.detail_reads(t, case_id, now, timeline_limit, min_version)
        )
        return queries.detail_from(found, now)

    def timeline(self, case_id: str, limit: int, before_seq: int | None) -> dict[str, Any]:
        with self.db.read() as tx:
            return queries.timeline_page(tx, case_id, limit, before_seq)

    def case_version(self, case_id: str) -> int | None:
        with self.db.read() as tx:
            return queries.case_version(tx, case_id)

    def dashboard(self, tilbud_id: Scope, now: str) -> dict[str, Any]:
        with self.db.read() as tx:
            return dashboards.dashboard(tx, tilbud_id, now, self.directory)

    def communication_stats(self) -> dict[str, Any]:
        with self.db.read() as tx:
            return dashboards.communication_stats(tx)

    def councils(self, tilbud_id: str | None) -> list[dict[str, Any]]:
        with self.db.read() as tx:
            return dashboards.councils_overview(tx, tilbud_id)

    def case_versions(self, case_ids: list[str]) -> dict[str, int]:
        """Projected versions of the given cases (one query)."""
        (rows,) = self._read(lambda t: [queries.versions_read(t, case_ids)])
        return queries.versions_from(rows)
