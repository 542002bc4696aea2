"""The cases service's FastAPI app."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from services.cases.bootstrap import build, build_relay
from services.cases.config import CasesSettings
from services.cases.entrypoints import (
    routes_access,
    routes_audit_feed,
    routes_cases,
    routes_collaboration,
    routes_contact,
    routes_contact_person,
    routes_legal_hold,
    routes_privacy,
    routes_records,
    routes_relatives,
    routes_source_audit,
    routes_staircase,
)
from shared.http.app import build_app
from shared.http.readiness import event_store_readiness
from shared.kafka.clients import ensure_topics
from shared.logging import configure_logging

DESCRIPTION = """Collaboration cases on Samarbejdstrappen: relatives and consent, the move-in
conversation, agreements, level assessments and handling plans, incidents, complaints.

Every command answers with the case's new version (also in `ETag`); send it back in
`If-Match` to make the next command conditional (409 with `current_version` if stale)."""


def create_app(settings: CasesSettings | None = None) -> FastAPI:
    settings = settings or CasesSettings()
    configure_logging("cases-api", settings.common.log_level, settings.common.log_format)
    service = build(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.commands.committer.start()
        stop = asyncio.Event()
        relay_task = None
        if settings.relay_in_api:
            await ensure_topics(settings.common, [settings.topic])
            relay = build_relay(settings, service.app)
            relay_task = asyncio.create_task(relay.run(stop))
        try:
            yield
        finally:
            stop.set()
            if relay_task is not None:
                await relay_task
            await asyncio.to_thread(service.commands.committer.stop)
            service.app.close()

    app = build_app(
        title="Pårørendekraft cases service",
        description=DESCRIPTION,
        common=settings.common,
        routers=[
            routes_cases.router,
            routes_relatives.router,
            routes_relatives.persons_router,
            routes_contact.router,
            routes_contact_person.router,
            routes_contact_person.catalogue_router,
            routes_collaboration.router,
            routes_staircase.router,
            routes_records.router,
            routes_cases.catalogue_router,
            routes_privacy.router,
            routes_access.router,
            routes_legal_hold.router,
            routes_audit_feed.router,
            routes_source_audit.router,
        ],
        lifespan=lifespan,
        readiness=event_store_readiness(
            service.app,
            service.commands.committer,
            settings.common,
            broker=settings.relay_in_api,
        ),
    )
    app.state.commands = service.commands
    app.state.service = service
    return app
