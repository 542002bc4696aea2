"""The read side's FastAPI app (port 8104)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI

from services.readside.bootstrap import build
from services.readside.config import ReadsideSettings
from services.readside.entrypoints import (
    routes_audit,
    routes_cases,
    routes_dashboards,
    routes_organisation,
)
from services.readside.entrypoints.consumer import consuming
from shared.http.app import build_app
from shared.kafka.clients import broker_reachable

DESCRIPTION = """Read models of every service: case list and detail, programme dashboards
(JSON and SVG), communication statistics, and the auditors' replay, verify and export.

After a command, pass the version it answered as `min_version` to read your own write:
the read waits (bounded) and answers 503 `projection_behind` if it cannot catch up."""


def create_app(settings: ReadsideSettings | None = None) -> FastAPI:
    settings = settings or ReadsideSettings()
    service = build(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Queries run in threads; the default pool (cores + 4) would queue them on PostgreSQL.
        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(settings.db_pool_size, thread_name_prefix="readside-query")
        )
        async with contextlib.AsyncExitStack() as stack:
            stack.callback(service.close)
            if settings.consumer_in_api:
                await stack.enter_async_context(consuming(settings, service.ingestor))
            yield

    async def readiness() -> dict[str, bool]:
        try:
            await asyncio.to_thread(service.queries.store.case_version, "-")
            database = True
        except Exception:
            database = False
        checks = {"database": database}
        if settings.consumer_in_api:  # queries need no broker; an in-process consumer does
            checks["broker"] = await broker_reachable(settings.common)
        return checks

    app = build_app(
        title="Pårørendekraft read side",
        description=DESCRIPTION,
        common=settings.common,
        routers=[
            routes_cases.router,
            routes_dashboards.router,
            routes_organisation.router,
            routes_audit.router,
        ],
        lifespan=lifespan,
        readiness=readiness,
    )
    app.state.service = service
    return app
