"""Builds the read side from its settings: database, ingestor, queries, audit tools."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from services.readside.adapters import checkpoints, export
from services.readside.adapters.ingest import INGESTED, Ingestor
from services.readside.adapters.notified_versions import NotifiedVersions
from services.readside.adapters.owner_api import OwnerApi, OwnerUnavailable, ServiceToken
from services.readside.adapters.read_store import SqlReadStore
from services.readside.adapters.replay import CaseReplayer
from services.readside.adapters.verify import Report
from services.readside.adapters.verify_sources import gather, verify_all
from services.readside.application import ReadsideQueries
from services.readside.config import ReadsideSettings
from shared.http.service import DatabaseService
from shared.organisation import OrganisationDirectory, load_directory
from shared.sqldb import Database


def owner_apis(settings: ReadsideSettings) -> dict[str, OwnerApi]:
    """The APIs of the services whose events are audited (an empty URL: not compared)."""
    token = ServiceToken(settings.common, settings.audit_api_token)
    urls = {"cases": settings.cases_api_url, "councils": settings.councils_api_url}
    return {
        name: OwnerApi(name, url, token, settings.audit_api_timeout)
        for name, url in urls.items()
        if url
    }


@dataclass
class AuditTools:
    """Replay, verify and export: the owners' data through the owners' APIs."""

    settings: ReadsideSettings
    db: Database
    owners: dict[str, OwnerApi] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.owners:
            self.owners = owner_apis(self.settings)
        checkpoints.ensure_schema(self.db)

    def replayer(self, token: str | None = None) -> CaseReplayer:
        """Replay through the cases API (``token``: the caller's, to be logged as such)."""
        if "cases" not in self.owners:
            raise OwnerUnavailable(
                "cases_api_unavailable",
                "no cases API is configured (PKRAFT_READSIDE_CASES_API_URL)",
            )
        return CaseReplayer(self.owners["cases"], token)

    def verify(self, token: str | None = None) -> Report:
        """Per source: its own chain, its signed checkpoints and the audit copy, which
        must agree (``verify_sources``); every owner is asked before anything is
        reported, so an owner that cannot answer is an error, never a partial report."""
        evidence = {name: gather(api, token) for name, api in self.owners.items()}
        return verify_all(self.db, evidence)

    def export(self, case_id: str, fmt: str) -> str:
        export.render([], fmt)  # rejects an unknown format before reading anything
        return export.render(export.history(self.db, case_id), fmt)

    def close(self) -> None:
        """Nothing to close: every owner call opens and closes its own connection."""


@dataclass
class ReadsideService(DatabaseService):
    """The wired-up read side."""

    settings: ReadsideSettings
    db: Database
    ingestor: Ingestor
    queries: ReadsideQueries
    audit: AuditTools
    organisation: OrganisationDirectory = field(default_factory=load_directory)

    def close(self) -> None:
        self.audit.close()
        self.db.close()

    async def start(self) -> None:
        """Queries run in threads; the default pool (cores + 4) would queue them on
        PostgreSQL, so the API's loop gets one thread per pooled connection."""
        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(self.settings.db_pool_size, thread_name_prefix="readside-query")
        )

    def database_answers(self) -> bool:
        self.queries.store.case_version("-")
        return True


def build(settings: ReadsideSettings, **overrides: Any) -> ReadsideService:
    db = Database(settings.database_url, pool_size=settings.db_pool_size)
    organisation = overrides.get("organisation") or load_directory(
        settings.common.organisation_file
    )
    return ReadsideService(
        settings=settings,
        db=db,
        ingestor=Ingestor(db, upgrade=settings.common.dev_mode),
        queries=ReadsideQueries(
            SqlReadStore(db, organisation),
            wait_ms=settings.min_version_wait_ms,
            waker=NotifiedVersions(db.url, db.channel(INGESTED)) if db.postgres else None,
        ),
        audit=AuditTools(settings, db, overrides.get("owners") or {}),
        organisation=organisation,
    )
