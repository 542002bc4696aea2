"""Prometheus metrics every service exposes on ``/metrics``."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "pkraft_http_requests_total", "HTTP requests", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "pkraft_http_request_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
COMMANDS = Counter("pkraft_commands_total", "Commands handled", ["command", "outcome"])
RULE_REJECTIONS = Counter("pkraft_rule_rejections_total", "Rejected requests by code", ["code"])
RELAY_LAG = Gauge("pkraft_relay_lag_events", "Events stored but not yet published", ["relay"])
RELAY_PUBLISHED = Counter("pkraft_relay_published_total", "Events published", ["relay"])
CONSUMER_LAG = Gauge(
    "pkraft_consumer_lag_messages", "Messages behind the log end", ["group", "topic"]
)
DEAD_LETTERS = Counter(
    "pkraft_dead_letters_total", "Messages sent to a dead-letter topic", ["topic"]
)
