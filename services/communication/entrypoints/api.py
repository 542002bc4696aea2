"""The communication service's FastAPI app."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.entrypoints import (
    routes_broadcasts,
    routes_evenings,
    routes_messages,
    routes_surveys,
)
from shared.http.app import build_app

DESCRIPTION = """Messages to relatives and staff: triggered by case and council events or
written by staff (newsletters, theme evenings, survey rounds). Never to a relative without
the citizen's consent for that scope at sending time. The message log shows what was sent
to whom, when, on which channel, and its state."""


def create_app(settings: CommunicationSettings | None = None) -> FastAPI:
    settings = settings or CommunicationSettings()
    service = build(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            service.close()

    async def readiness() -> dict[str, bool]:
        try:
            database = await asyncio.to_thread(service.staff.database_answers)
        except Exception:
            database = False
        return {"database": database}  # messages are queued in the store: no broker needed

    app = build_app(
        title="Pårørendekraft communication service",
        description=DESCRIPTION,
        common=settings.common,
        routers=[
            routes_messages.router,
            routes_broadcasts.router,
            routes_evenings.router,
            routes_surveys.router,
        ],
        lifespan=lifespan,
        readiness=readiness,
    )
    app.state.service = service
    return app
