"""Serve an API with uvicorn so that SIGTERM means a clean stop with exit code 0.

``uvicorn.run`` shuts down gracefully on SIGTERM (stops accepting, finishes requests in
flight, runs the lifespan shutdown: the command writer drains, the producer flushes)
and then re-raises the signal, so the process dies "killed by SIGTERM" (exit 143 in a
container). An orchestrator reads that as a crash; :func:`serve` exits 0 instead.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import socket
import threading
from collections.abc import Iterator
from typing import Any

import uvicorn

from shared.http.bad_request import json_bad_request

# Young-generation collections every 50,000 allocations rather than 700: a request
# allocates hundreds of short-lived objects, and most collections found nothing to free.
GC_THRESHOLDS = (50_000, 20, 20)


def tune_gc() -> None:
    """After start-up: move what start-up made (modules, the app, its models) out of the
    collector's sight, and collect young objects less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


class GracefulServer(uvicorn.Server):
    """A uvicorn server that handles SIGTERM/SIGINT without re-raising them afterwards."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        original = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        tune_gc()


def serve(app: Any, **options: Any) -> None:
    """``uvicorn.run(app, **options)``, but SIGTERM/SIGINT end the process with code 0.

    Takes the same options (``host``, ``port``, ``factory``, ``workers``, ``loop``,
    ``timeout_graceful_shutdown``, ...); ``http`` (default ``auto``) is made the protocol
    that answers an unparsable request with a JSON 400. With ``workers > 1`` uvicorn's
    supervisor runs the workers; it stops them on SIGTERM and exits 0 itself. Exit code 3
    if it cannot start.
    """
    options.setdefault("log_config", None)
    # A request the HTTP parser refuses gets a JSON 400 in the error shape (bad_request.py).
    options["http"] = json_bad_request(options.get("http", "auto"))
    options.setdefault("timeout_graceful_shutdown", 20)
    config = uvicorn.Config(app, **options)
    if config.workers > 1:
        from uvicorn.supervisors import Multiprocess

        if not isinstance(app, str):
            raise ValueError("workers > 1 needs the app as an import string")
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    config.load_app()
    server = GracefulServer(config)
    server.run()
    if not server.started:
        raise SystemExit(3)
