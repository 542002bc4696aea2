"""Health, readiness and metrics for processes without an API (relays, consumers).

An API serves ``/healthz``, ``/readyz`` and ``/metrics`` itself (``shared.http.app``).
A worker process starts :func:`ops_server` beside its loop instead: uvicorn serving a
small ASGI app on ``PKRAFT_OPS_HOST:PKRAFT_OPS_PORT`` (off when the port is 0) with the
same three paths, so container health checks and Prometheus treat every process alike::

    async with ops_server(lambda: relay_checks(relay, settings.common)):
        await relay.run(stop)
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shared import metrics as _families  # noqa: F401  (every family on /metrics)
from shared.config import CommonSettings
from shared.http import metrics as _http_families  # noqa: F401
from shared.kafka.clients import broker_reachable
from shared.logging import get_logger

ReadinessCheck = Callable[[], Awaitable[dict[str, bool]]]
log = get_logger(__name__)


class OpsSettings(BaseSettings):
    """Where a worker process (relay, consumer) serves its health and metrics."""

    model_config = SettingsConfigDict(env_prefix="PKRAFT_OPS_", extra="ignore")

    host: str = Field(
        "127.0.0.1",
        description="Address a relay or consumer serves /healthz, /readyz, /metrics on.",
    )
    port: int = Field(
        0,
        description="Port for a relay's or consumer's /healthz, /readyz and /metrics "
        "(0: off). The containers use 9100.",
    )


class _QuietServer(uvicorn.Server):
    """uvicorn inside a worker's loop: the worker owns SIGTERM, so no signal handlers."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def ops_app(readiness: ReadinessCheck) -> Starlette:
    """``/healthz``, ``/readyz`` and ``/metrics`` as an ASGI app (404 elsewhere)."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            checks = await readiness()
        except Exception as exc:
            log.warning("readiness_check_failed", error=type(exc).__name__)
            checks = {"readiness": False}
        ready = all(checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not_ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    async def metrics(request: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    async def not_found(request: Request, exc: Exception) -> Response:
        return JSONResponse({"code": "not_found"}, status_code=404)

    routes = [Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics)]
    return Starlette(routes=routes, exception_handlers={404: not_found})


@contextlib.asynccontextmanager
async def ops_server(
    readiness: ReadinessCheck, settings: OpsSettings | None = None
) -> AsyncIterator[int | None]:
    """Serve health, readiness and metrics (uvicorn, in this loop) while the block runs;
    yields the bound port."""
    settings = settings or OpsSettings()
    if settings.port == 0:
        yield None
        return
    config = uvicorn.Config(
        ops_app(readiness),
        host=settings.host,
        port=settings.port,
        lifespan="off",
        log_config=None,
        access_log=False,
    )
    sock = config.bind_socket()
    server = _QuietServer(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    port = int(sock.getsockname()[1])
    log.info("ops_server_started", port=port)
    try:
        yield port
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, timeout=2)
        sock.close()


async def relay_checks(relay: Any, common: CommonSettings) -> dict[str, bool]:
    """Readiness of an ``EventRelay``: its loop runs (and is not halted before a restored
    store), its store and the broker answer."""
    try:
        await relay.lag()
        database = True
    except Exception:
        database = False
    return {
        "relay": bool(relay.running) and not getattr(relay, "halted", False),
        "database": database,
        "broker": await broker_reachable(common),
    }


def consumers_assigned(broker: Any) -> bool:
    """True when every FastStream subscriber of ``broker`` holds at least one partition.

    An instance beyond the topic's partition count stays unassigned (idle) and so
    reports not ready: add partitions before adding instances.
    """
    subscribers = list(getattr(broker, "subscribers", []))
    if not subscribers:
        return False
    for sub in subscribers:
        consumer = getattr(sub, "consumer", None)
        if consumer is None or not consumer.assignment():
            return False
    return True


async def consumer_checks(
    broker: Any, common: CommonSettings, database: Callable[[], bool] | None = None
) -> dict[str, bool]:
    """Readiness of a consumer process: partitions assigned, broker (and store) answer.

    ``database`` is a blocking probe (run in a thread), e.g. a ``SELECT 1``.
    """
    checks = {
        "consumers_assigned": consumers_assigned(broker),
        "broker": await broker_reachable(common),
    }
    if database is not None:
        try:
            checks["database"] = bool(await asyncio.to_thread(database))
        except Exception:
            checks["database"] = False
    return checks
