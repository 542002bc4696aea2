"""Ask a process whether it is ready (``GET /readyz``) and say in words what is missing."""

from __future__ import annotations

import httpx

PROBE_TIMEOUT = 4.0
REASONS = {
    "broker": "broker not reachable",
    "database": "database not reachable",
    "consumers_assigned": "no partitions assigned yet",
    "consumer_assigned": "no partitions assigned yet",
    "relay": "relay loop not running",
    "command_writer": "command writer not running",
    "smtp": "SMTP not answering",
    "readiness": "readiness check failed",
}


def explain(status: int | None, body: object) -> str:
    """What a ``/readyz`` answer says is missing, in words (``status`` None: no answer)."""
    if status is None:
        return "not answering yet"
    checks = body.get("checks") if isinstance(body, dict) else None
    if not isinstance(checks, dict):
        return f"/readyz answered {status}"
    failing = [REASONS.get(name, f"{name} not ready") for name, ok in checks.items() if not ok]
    return ", ".join(dict.fromkeys(failing)) or f"/readyz answered {status}"


def probe(port: int) -> tuple[bool, str]:
    """(ready, what is missing) from ``GET 127.0.0.1:port/readyz``."""
    try:
        r = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=PROBE_TIMEOUT)
    except httpx.TimeoutException:
        return False, f"/readyz gave no answer within {PROBE_TIMEOUT:.0f} s"
    except httpx.HTTPError:
        return False, explain(None, None)
    try:
        body: object = r.json()
    except ValueError:
        body = None
    return r.status_code == 200, explain(r.status_code, body)
