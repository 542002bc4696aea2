"""Pure ASGI middleware: correlation id, request metrics, and the last line of defence
that turns any unexpected exception into a JSON 500. (Cheaper than BaseHTTPMiddleware.)"""

from __future__ import annotations

import json
import time
import traceback
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.correlation import correlation_id
from shared.http.errors import error_body
from shared.http.metrics import HTTP_LATENCY, HTTP_REQUESTS
from shared.logging import get_logger

HEADER = b"x-correlation-id"
QUIET = frozenset({"/healthz", "/readyz", "/metrics"})
log = get_logger("pkraft.http")
INTERNAL_ERROR = json.dumps(
    error_body("internal_error", "Something went wrong on our side; the error is logged.")
).encode()


def _log_crash(exc: BaseException) -> None:
    """The exception's type and where it was raised, never its message: a message may
    quote a request's personal data (a CPR number, a name)."""
    frames = traceback.extract_tb(exc.__traceback__)
    log.error(
        "unhandled_error",
        error=type(exc).__name__,
        frames=[f"{f.filename}:{f.lineno} in {f.name}" for f in frames[-12:]],
    )


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
        response_started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [*message.get("headers", []), (HEADER, cid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            # Answered here, not re-raised: the server would log the exception's message.
            _log_crash(exc)
            if response_started:
                raise
            await send_wrapper(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(INTERNAL_ERROR)).encode()),
                    ],
                }
            )
            await send_wrapper({"type": "http.response.body", "body": INTERNAL_ERROR})
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
