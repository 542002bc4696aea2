"""The SQL read store behind the read API (one short read transaction per query)."""

from __future__ import annotations

from typing import Any

from services.readside.adapters import dashboards, queries
from services.readside.adapters.scope import Scope
from shared.organisation import OrganisationDirectory
from shared.sqldb import Database


class SqlReadStore:
    """Implements ``application.ReadStore`` on the read-side database."""

    def __init__(self, db: Database, directory: OrganisationDirectory) -> None:
        self.db = db
        self.directory = directory  # staff numbers and the centres, for some figures

    def list_cases(self, criteria: Any, now: str, limit: int, offset: int) -> dict[str, Any]:
        with self.db.read() as tx:
            return queries.list_cases(tx, criteria, now, limit, offset)

    def case_detail(
        self, case_id: str, now: str, timeline_limit: int, min_version: int | None = None
    ) -> dict[str, Any] | None:
        with self.db.read() as tx:
            return queries.case_detail(tx, case_id, now, timeline_limit, min_version)

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
        with self.db.read() as tx:
            return queries.case_versions(tx, case_ids)
