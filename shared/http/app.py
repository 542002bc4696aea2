"""The FastAPI app every service starts from: errors, auth, correlation, health, metrics."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Response
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from shared import metrics as _families  # noqa: F401  (every family on /metrics)
from shared.auth import TokenVerifier
from shared.config import CommonSettings
from shared.http import dispatch
from shared.http.errors import install_error_handlers
from shared.http.middleware import CorrelationAndMetrics
from shared.http.openapi import truthful_openapi
from shared.http.published import router as published_contracts

ReadinessCheck = Callable[[], Awaitable[dict[str, bool]]]
READINESS_TIMEOUT_S = 2.0  # /readyz answers within this, however slow a check is
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


class Readiness(BaseModel):
    """Whether the service is ready, and each check's outcome."""

    status: Literal["ready", "not_ready"]
    checks: dict[str, bool]


def build_app(
    *,
    title: str,
    common: CommonSettings,
    routers: Sequence[APIRouter],
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[Any]] | None = None,
    readiness: ReadinessCheck | None = None,
    description: str = "",
) -> FastAPI:
    """Build a service app with the shared plumbing and the given routers."""
    app = FastAPI(
        title=title,
        description=description,
        lifespan=lifespan,
        version="1",
        # No OpenTelemetry here: without this FastAPI asks for the global providers on
        # every request.
        telemetry=NO_TELEMETRY,
        # A path with a slash too many is 404 in the error shape, not a bare 307 redirect
        # with no body (a client that follows it would resend a POST's body elsewhere).
        redirect_slashes=False,
    )
    app.state.token_verifier = TokenVerifier(common)
    install_error_handlers(app)
    app.add_middleware(CorrelationAndMetrics)

    @app.get("/healthz", tags=["operations"])
    async def healthz() -> dict[str, str]:
        """The process is alive."""
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["operations"],
        responses={
            200: {"model": Readiness, "description": "Ready."},
            503: {"model": Readiness, "description": "Not ready: see which check failed."},
        },
    )
    async def readyz() -> JSONResponse:
        """The service's database and broker are reachable and its workers are running."""
        try:
            checks = await asyncio.wait_for(readiness(), READINESS_TIMEOUT_S) if readiness else {}
        except TimeoutError:
            checks = {"answered_in_time": False}
        ready = all(checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not_ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    @app.get("/metrics", tags=["operations"], include_in_schema=False)
    async def metrics() -> Response:
        """Prometheus metrics."""
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    for router in (*routers, published_contracts):
        if not dispatch.flatten(app, router):
            app.include_router(router)
    dispatch.install(app)
    app.openapi = truthful_openapi(app)  # type: ignore[method-assign]
    return app
