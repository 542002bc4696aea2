"""Readiness of a relay process: the common relay checks, and whether it holds the
store's relay lock (a second relay on the same store waits, and is not ready)."""

from __future__ import annotations

from shared.config import CommonSettings
from shared.http.ops import relay_checks
from shared.relay.relay import EventRelay


async def relay_readiness(relay: EventRelay, common: CommonSettings) -> dict[str, bool]:
    """``relay_checks`` plus ``holds_store_lock`` (false while another relay publishes
    the store: this one waits to take over)."""
    return {**await relay_checks(relay, common), "holds_store_lock": relay.holds_lock}
