"""Prometheus metrics of the HTTP layer (requests, latency, refused requests by code).

The metrics of commands, relays and consumers are in ``shared.metrics``.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter(
    "pkraft_http_requests_total", "HTTP requests", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "pkraft_http_request_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
RULE_REJECTIONS = Counter("pkraft_rule_rejections_total", "Rejected requests by code", ["code"])
