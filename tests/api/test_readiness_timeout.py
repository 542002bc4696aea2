"""/readyz answers within about 2 s however slow a check is; the slow check fails."""

from __future__ import annotations

import asyncio
import time

from fastapi.testclient import TestClient

from shared.config import CommonSettings
from shared.http.app import build_app


def test_a_slow_readiness_check_is_reported_as_failing_in_time() -> None:
    async def slow() -> dict[str, bool]:
        await asyncio.sleep(30)  # a database lock holds the check
        return {"database": True}

    app = build_app(title="t", common=CommonSettings(), routers=[], readiness=slow)
    with TestClient(app) as client:
        started = time.monotonic()
        r = client.get("/readyz")
        assert time.monotonic() - started < 3
    assert r.status_code == 503
    assert r.json() == {"status": "not_ready", "checks": {"answered_in_time": False}}
