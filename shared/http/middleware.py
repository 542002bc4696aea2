"""Pure ASGI middleware: correlation id, request metrics. (Cheaper than BaseHTTPMiddleware.)"""

from __future__ import annotations

import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.correlation import correlation_id
from shared.http.metrics import HTTP_LATENCY, HTTP_REQUESTS
from shared.logging import get_logger

HEADER = b"x-correlation-id"
QUIET = frozenset({"/healthz", "/readyz", "/metrics"})
log = get_logger("pkraft.http")


class CorrelationAndMetrics:
    """Takes ``X-Correlation-ID`` (or makes one), echoes it, and records latency."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cid = next((v.decode() for k, v in scope["headers"] if k == HEADER), "")
        cid = cid[:128] if cid else uuid.uuid4().hex
        token = correlation_id.set(cid)
        structlog.contextvars.bind_contextvars(correlation_id=cid)
        status = 500
        started = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, cid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            HTTP_REQUESTS.labels(scope["method"], path, str(status)).inc()
            elapsed = time.perf_counter() - started
            HTTP_LATENCY.labels(scope["method"], path).observe(elapsed)
            if path not in QUIET:
                log.info(
                    "http_request",
                    method=scope["method"],
                    route=path,
                    status=status,
                    ms=round(elapsed * 1000, 1),
                )
            structlog.contextvars.unbind_contextvars("correlation_id")
            correlation_id.reset(token)
