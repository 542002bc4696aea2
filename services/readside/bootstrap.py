"""Builds the read side from its settings: database, ingestor, queries, audit tools."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from services.cases.application import CasesApplication
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.councils.application import CouncilsApplication
from services.councils.bootstrap import build_application as build_councils_application
from services.councils.config import CouncilsSettings
from services.readside.adapters import export, sources
from services.readside.adapters.ingest import INGESTED, Ingestor
from services.readside.adapters.read_store import SqlReadStore
from services.readside.adapters.replay import CaseReplayer
from services.readside.adapters.verify import Report, verify
from services.readside.application import ReadsideQueries
from services.readside.config import ReadsideSettings
from shared.eventstore import StoreUrl
from shared.notify import PostgresWaker
from shared.sqldb import Database


@dataclass
class AuditTools:
    """Replay, verify and export; the cases event store is opened on first use."""

    settings: ReadsideSettings
    db: Database
    _cases: CasesApplication | None = None
    _councils: CouncilsApplication | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def cases_app(self) -> CasesApplication:
        with self._lock:
            if self._cases is None:
                self._cases = build_application(
                    CasesSettings(
                        database_url=self.settings.cases_database_url,
                        cipher_key=self.settings.cases_cipher_key,
                        common=self.settings.common,
                        cache_size=1,  # replay asks for explicit versions; no cache needed
                    )
                )
            return self._cases

    def councils_app(self) -> CouncilsApplication | None:
        """The councils event store, or None where it does not exist (no such SQLite file)."""
        store = StoreUrl.parse(self.settings.councils_database_url)
        if store.kind == "sqlite" and not Path(store.sqlite_path).exists():
            return None
        with self._lock:
            if self._councils is None:
                self._councils = build_councils_application(
                    CouncilsSettings(
                        database_url=self.settings.councils_database_url,
                        cipher_key=self.settings.councils_cipher_key,
                        common=self.settings.common,
                        cache_size=1,
                    )
                )
            return self._councils

    def replayer(self) -> CaseReplayer:
        return CaseReplayer(self.cases_app())

    def verify(self) -> Report:
        urls = self.settings.cases_database_url, self.settings.councils_database_url
        stores = {"cases": sources.cases_events(self.cases_app(), urls[0])}
        councils = self.councils_app()
        if councils is not None:
            stores["councils"] = sources.councils_events(councils, urls[1])
        return verify(self.db, stores)

    def export(self, case_id: str, fmt: str) -> str:
        export.render([], fmt)  # rejects an unknown format before reading anything
        return export.render(export.history(self.db, case_id), fmt)

    def close(self) -> None:
        if self._cases is not None:
            self._cases.close()
        if self._councils is not None:
            self._councils.close()


@dataclass
class ReadsideService:
    """The wired-up read side."""

    settings: ReadsideSettings
    db: Database
    ingestor: Ingestor
    queries: ReadsideQueries
    audit: AuditTools

    def close(self) -> None:
        self.audit.close()
        self.db.close()


def build(settings: ReadsideSettings, **overrides: Any) -> ReadsideService:
    db = Database(settings.database_url, pool_size=settings.db_pool_size)
    return ReadsideService(
        settings=settings,
        db=db,
        ingestor=Ingestor(db),
        queries=ReadsideQueries(
            SqlReadStore(db),
            wait_ms=settings.min_version_wait_ms,
            waker=PostgresWaker(db.url, db.channel(INGESTED)) if db.postgres else None,
        ),
        audit=AuditTools(settings, db),
    )
