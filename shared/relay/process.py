"""The relay process every service runs (``pkraft <service> relay``): create the topics
(or let the relay retry until the broker answers), serve /readyz and /metrics, publish
until SIGTERM or SIGINT. The service opens its store and builds its relay."""

from __future__ import annotations

from shared.config import CommonSettings
from shared.http.ops import ops_server
from shared.http.serve import tune_gc
from shared.kafka.clients import ensure_topics
from shared.logging import get_logger
from shared.relay.readiness import relay_readiness
from shared.relay.relay import EventRelay
from shared.stopping import stop_on_signals

log = get_logger(__name__)


async def serve_relay(relay: EventRelay, common: CommonSettings, topics: list[str]) -> None:
    """Run ``relay`` as the process's work until a stop signal."""
    stop = stop_on_signals()
    try:
        await ensure_topics(common, topics)
    except Exception as exc:  # the relay retries on its own once the broker answers
        log.warning("topic_creation_failed", error=type(exc).__name__)
    async with ops_server(lambda: relay_readiness(relay, common)):
        # As an API does once started: start-up's objects (modules, models, the app) out
        # of the collector's sight. The relay keeps thousands of records in flight, so
        # full collections came often and walked that whole heap: about a fifth of its
        # CPU per event (docs/benchmarks.md, Repeat runs).
        tune_gc()
        await relay.run(stop)
