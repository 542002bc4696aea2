"""Prometheus metrics of the work behind the HTTP layer: commands, relays, consumers.

Every process exposes every family (``shared.http.app`` and ``shared.http.ops`` import
this module), so a dashboard finds the same names everywhere. The HTTP families are in
``shared.http.metrics``.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge

COMMANDS = Counter("pkraft_commands_total", "Commands handled", ["command", "outcome"])
RELAY_LAG = Gauge("pkraft_relay_lag_events", "Events stored but not yet published", ["relay"])
RELAY_PUBLISHED = Counter("pkraft_relay_published_total", "Events published", ["relay"])
CONSUMER_LAG = Gauge(
    "pkraft_consumer_lag_messages", "Messages behind the log end", ["group", "topic"]
)
DEAD_LETTERS = Counter(
    "pkraft_dead_letters_total", "Messages sent to a dead-letter topic", ["topic"]
)
