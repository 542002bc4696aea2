"""The councils service's FastAPI app."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from services.councils.bootstrap import build, build_consumer, build_relay, topics
from services.councils.config import CouncilsSettings
from services.councils.entrypoints import (
    routes_activities,
    routes_audit_feed,
    routes_conduct,
    routes_councils,
    routes_elections,
    routes_follow_group,
    routes_hiring,
    routes_pools,
    routes_privacy,
    routes_source_audit,
    routes_training,
)
from shared.http.app import build_app
from shared.http.readiness import event_store_readiness
from shared.kafka.clients import ensure_topics

DESCRIPTION = """Relatives' and citizens' councils per tilbud: frame, agreed seats, members
and terms, staggered elections among the tilbud's relatives, meetings; the follow group;
the participant-budget pool of each year, which can never be overspent.

Every command answers with the aggregate's new version (also in `ETag`); send it back in
`If-Match` to make the next command conditional (409 with `current_version` if stale)."""


def create_app(settings: CouncilsSettings | None = None) -> FastAPI:
    settings = settings or CouncilsSettings()
    service = build(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.commands.committer.start()
        stop = asyncio.Event()
        relay_task = None
        broker = None
        if settings.relay_in_api or settings.consumer_in_api:
            await ensure_topics(settings.common, topics(settings))
        if settings.relay_in_api:
            relay_task = asyncio.create_task(build_relay(settings, service.app).run(stop))
        if settings.consumer_in_api:
            broker = build_consumer(settings, service.commands)
            await broker.start()
        try:
            yield
        finally:
            stop.set()
            if broker is not None:
                await broker.stop()
            if relay_task is not None:
                await relay_task
            await asyncio.to_thread(service.commands.committer.stop)
            service.app.close()

    app = build_app(
        title="Pårørendekraft councils service",
        description=DESCRIPTION,
        common=settings.common,
        routers=[
            routes_councils.router,
            routes_elections.router,
            routes_pools.router,
            routes_activities.router,
            routes_conduct.router,
            routes_hiring.router,
            routes_training.router,
            routes_follow_group.router,
            routes_audit_feed.router,
            routes_source_audit.router,
            routes_privacy.router,
            routes_privacy.subjects_router,
        ],
        lifespan=lifespan,
        readiness=event_store_readiness(
            service.app,
            service.commands.committer,
            settings.common,
            broker=settings.relay_in_api or settings.consumer_in_api,
        ),
    )
    app.state.commands = service.commands
    app.state.service = service
    return app
