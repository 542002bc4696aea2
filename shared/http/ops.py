"""Health, readiness and metrics for processes without an API (relays, consumers).

An API serves ``/healthz``, ``/readyz`` and ``/metrics`` itself (``shared.http.app``).
A worker process starts :func:`ops_server` beside its loop instead: a minimal HTTP/1.1
responder on ``PKRAFT_OPS_HOST:PKRAFT_OPS_PORT`` (off when the port is 0) with the same
three paths, so container health checks and Prometheus treat every process alike::

    async with ops_server(lambda: relay_checks(relay, settings.common)):
        await relay.run(stop)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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


def _response(status: int, body: bytes, content_type: str) -> bytes:
    reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}.get(status, "OK")
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


async def _answer(path: str, readiness: ReadinessCheck) -> bytes:
    if path == "/healthz":
        return _response(200, b'{"status": "ok"}', "application/json")
    if path == "/readyz":
        try:
            checks = await readiness()
        except Exception as exc:
            log.warning("readiness_check_failed", error=type(exc).__name__)
            checks = {"readiness": False}
        ready = all(checks.values())
        body = json.dumps({"status": "ready" if ready else "not_ready", "checks": checks})
        return _response(200 if ready else 503, body.encode(), "application/json")
    if path == "/metrics":
        return _response(200, generate_latest(), CONTENT_TYPE_LATEST)
    return _response(404, b'{"code": "not_found"}', "application/json")


def _handler(readiness: ReadinessCheck) -> Callable[..., Awaitable[None]]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), timeout=5)
            while True:  # skip the headers: they are not needed
                line = await asyncio.wait_for(reader.readline(), timeout=5)
                if line in (b"\r\n", b"\n", b""):
                    break
            parts = request_line.decode("latin-1").split()
            path = parts[1].split("?")[0] if len(parts) >= 2 else "/"
            writer.write(await _answer(path, readiness))
            await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    return handle


@contextlib.asynccontextmanager
async def ops_server(
    readiness: ReadinessCheck, settings: OpsSettings | None = None
) -> AsyncIterator[int | None]:
    """Serve health, readiness and metrics while the block runs; yields the bound port."""
    settings = settings or OpsSettings()
    if settings.port == 0:
        yield None
        return
    server = await asyncio.start_server(_handler(readiness), settings.host, settings.port)
    port = int(server.sockets[0].getsockname()[1])
    log.info("ops_server_started", port=port)
    try:
        yield port
    finally:
        server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.wait_closed(), timeout=2)


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
