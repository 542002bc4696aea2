"""Pure ASGI middleware: correlation id, request metrics, and the last line of defence
that turns any unexpected exception into a JSON 500. (Cheaper than BaseHTTPMiddleware.)

It runs on every request, so it does its work once where it can: metric children are
resolved once per (method, route, status), the access line is skipped below the log
level without building it, and the correlation id reaches log lines through
``shared.logging``'s processor rather than structlog's context variables.
"""

from __future__ import annotations

import json
import logging
import random
import time
import traceback
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.correlation import correlation_id
from shared.http.errors import error_body
from shared.http.metrics import HTTP_LATENCY, HTTP_REQUESTS
from shared.logging import get_logger

HEADER = b"x-correlation-id"
QUIET = frozenset({"/healthz", "/readyz", "/metrics"})
log = get_logger("pkraft.http")
_stdlib_log = logging.getLogger("pkraft.http")
INTERNAL_ERROR = json.dumps(
    error_body("internal_error", "Something went wrong on our side; the error is logged.")
).encode()
INTERNAL_ERROR_HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(INTERNAL_ERROR)).encode()),
]
# Correlation ids are not secrets: a PRNG seeded from the OS makes them without a syscall.
_ids = random.Random()


def new_correlation_id() -> str:
    return f"{_ids.getrandbits(128):032x}"


def _log_crash(exc: BaseException) -> None:
    """The exception's type and where it was raised, never its message: a message may
    quote a request's personal data (a CPR number, a name)."""
    frames = traceback.extract_tb(exc.__traceback__)
    log.error(
        "unhandled_error",
        error=type(exc).__name__,
        frames=[f"{f.filename}:{f.lineno} in {f.name}" for f in frames[-12:]],
    )


class _Children:
    """Metric children per label values, resolved once (``labels()`` takes a lock and
    builds its key on every call)."""

    def __init__(self) -> None:
        self.requests: dict[tuple[str, str, int], Any] = {}
        self.latency: dict[tuple[str, str], Any] = {}

    def record(self, method: str, route: str, status: int, seconds: float) -> None:
        counter = self.requests.get((method, route, status))
        if counter is None:
            counter = HTTP_REQUESTS.labels(method, route, str(status))
            self.requests[method, route, status] = counter
        counter.inc()
        latency = self.latency.get((method, route))
        if latency is None:
            latency = self.latency[method, route] = HTTP_LATENCY.labels(method, route)
        latency.observe(seconds)


_children = _Children()


class CorrelationAndMetrics:
    """Takes ``X-Correlation-ID`` (or makes one), echoes it, and records latency."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cid = ""
        for key, value in scope["headers"]:
            if key == HEADER:
                cid = value.decode()[:128]
                break
        cid = cid or new_correlation_id()
        echo = (HEADER, cid.encode())
        token = correlation_id.set(cid)
        status = 500
        started = time.perf_counter()
        response_started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [*message.get("headers", ()), echo]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            # Answered here, not re-raised: the server would log the exception's message.
            _log_crash(exc)
            if response_started:
                raise
            await send_wrapper(
                {"type": "http.response.start", "status": 500, "headers": INTERNAL_ERROR_HEADERS}
            )
            await send_wrapper({"type": "http.response.body", "body": INTERNAL_ERROR})
        finally:
            elapsed = time.perf_counter() - started
            path = getattr(scope.get("route"), "path", "unmatched")
            _children.record(scope["method"], path, status, elapsed)
            if path not in QUIET and _stdlib_log.isEnabledFor(logging.INFO):
                log.info(
                    "http_request",
                    method=scope["method"],
                    route=path,
                    status=status,
                    ms=round(elapsed * 1000, 1),
                )
            correlation_id.reset(token)
