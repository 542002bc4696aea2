"""Every process in ``pkraft/processes.py`` starts with exactly its container's command
and environment, becomes ready, exposes the metrics, and stops cleanly on SIGTERM."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from pkraft.processes import PROCESSES
from shared import metrics
from shared.http import metrics as http_metrics
from tests.ops.containers import (
    Local,
    Mapping,
    localise,
    resolved_compose,
    start,
    stop,
    tail,
    wait_ready,
)

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]

METRIC_FAMILIES = sorted(
    {
        m._name
        for module in (metrics, http_metrics)
        for m in vars(module).values()
        if hasattr(m, "_name") and hasattr(m, "_type")
    }
)


@dataclass
class Running:
    local: Local
    proc: subprocess.Popen[bytes]
    status: int
    body: dict[str, Any]


@pytest.fixture(scope="module")
def system(
    kafka_bootstrap: str, postgres_dsn: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[dict[str, Running], Path]]:
    """The topics job, then every process at once (as `docker compose up` does)."""
    compose = resolved_compose()["services"]
    logs = tmp_path_factory.mktemp("ops-logs")
    mapping = Mapping(kafka_bootstrap, postgres_dsn, uuid.uuid4().hex[:8], logs / "var")
    topics = localise("topics", compose["topics"], mapping)
    done = subprocess.run(topics.argv, env=topics.env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    locals_ = [localise(p.name, compose[p.name], mapping) for p in PROCESSES]
    procs = {local.name: (local, start(local, logs)) for local in locals_}
    running: dict[str, Running] = {}
    try:
        deadline = time.monotonic() + 60  # all start at once, as in `docker compose up`
        for name, (local, proc) in procs.items():
            left = max(1.0, deadline - time.monotonic())
            status, body = wait_ready(local.health_port, proc, timeout=left)
            running[name] = Running(local, proc, status, body)
        yield running, logs
    finally:
        for _, proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        mapping.drop()


@pytest.mark.parametrize("name", [p.name for p in PROCESSES])
def test_process_starts_as_in_its_container_and_becomes_ready(
    system: tuple[dict[str, Running], Path], name: str
) -> None:
    running, logs = system
    run = running[name]
    assert run.status == 200, (
        f"{name} not ready on its health port: {run.body} (a process without an API serves "
        f"/readyz with shared.http.ops.ops_server, see docs/operations.md)\n{tail(logs, name)}"
    )
    assert run.body["status"] == "ready"
    assert run.body["checks"], "readiness must check something (database, broker, workers)"

    health = httpx.get(f"http://127.0.0.1:{run.local.health_port}/healthz", timeout=5)
    assert health.status_code == 200

    exposed = httpx.get(f"http://127.0.0.1:{run.local.health_port}/metrics", timeout=5).text
    missing = [f for f in METRIC_FAMILIES if f"# TYPE {f}" not in exposed]
    assert not missing, f"{name} /metrics lacks {missing}"

    code, took = stop(run.proc)
    assert code == 0, (
        f"{name} did not exit 0 on SIGTERM (code {code}); an API serves with "
        f"shared.http.serve.serve, not uvicorn.run\n{tail(logs, name)}"
    )
    assert took < 15


def test_every_process_has_a_health_port_in_its_container(
    system: tuple[dict[str, Running], Path],
) -> None:
    running, _ = system
    assert set(running) == {p.name for p in PROCESSES}
    assert all(r.local.health_port for r in running.values())
