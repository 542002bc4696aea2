"""How a long-running process learns to stop: SIGTERM or SIGINT sets an event its loops
wait on, so in-flight work drains before it exits 0."""

from __future__ import annotations

import asyncio
import signal


def stop_on_signals() -> asyncio.Event:
    """An event that SIGTERM or SIGINT sets (call it inside the running event loop)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop
