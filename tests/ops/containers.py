"""Run processes exactly as their containers would: command and environment taken from
``docker-compose.yml`` (as the Compose binary resolves it), with only the addresses
mapped to this machine: the broker, PostgreSQL (one schema per database), free ports."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg

from pkraft.broker import free_port

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
PKRAFT = Path(sys.executable).parent / "pkraft"
PG_IN_COMPOSE = re.compile(r"^postgresql://[^@]+@postgres:5432/(?P<db>[a-z0-9_]+)$")


def compose_binary() -> str:
    found = shutil.which("docker-compose", path=str(Path(sys.executable).parent))
    return found or "docker-compose"


def resolved_compose() -> dict[str, Any]:
    """``docker-compose config --format json``: interpolated and normalised."""
    out = subprocess.run(
        [compose_binary(), "-f", str(COMPOSE_FILE), "config", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp")},
    )
    parsed: dict[str, Any] = json.loads(out.stdout)
    return parsed


@dataclass
class Mapping:
    """How container addresses become local ones, shared by all processes of a run."""

    bootstrap: str
    postgres_dsn: str
    suffix: str
    var_dir: Path
    schemas: dict[str, str] = field(default_factory=dict)
    smtp_port: int = field(default_factory=free_port)

    def database(self, db: str) -> str:
        schema = self.schemas.setdefault(db, f"ops_{db}_{self.suffix}")
        with psycopg.connect(self.postgres_dsn, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        return f"{self.postgres_dsn}?schema={schema}"

    def drop(self) -> None:
        with psycopg.connect(self.postgres_dsn, autocommit=True) as conn:
            for schema in self.schemas.values():
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@dataclass
class Local:
    """A process to start: argv, environment and the port of its health endpoints."""

    name: str
    argv: list[str]
    env: dict[str, str]
    health_port: int


def localise(name: str, spec: dict[str, Any], mapping: Mapping) -> Local:
    """The container's command and environment, with this machine's addresses."""
    env: dict[str, str] = {k: str(v) for k, v in (spec.get("environment") or {}).items()}
    ports: dict[str, str] = {}
    for key, value in list(env.items()):
        pg = PG_IN_COMPOSE.match(value)
        if value == "kafka:9092":
            env[key] = mapping.bootstrap
        elif pg:
            env[key] = mapping.database(pg["db"])
        elif key.endswith("_HTTP_PORT") or key == "PKRAFT_OPS_PORT":
            ports[value] = env[key] = str(free_port())
    if name.startswith("communication"):
        # The mail catcher's SMTP port, shared by the catcher and the senders, must be free
        # on this machine too (a developer's `make run` may hold the default 8025).
        for key in ("PKRAFT_COMMUNICATION_SMTP_PORT", "PKRAFT_COMMUNICATION_MAILCATCHER_PORT"):
            env[key] = str(mapping.smtp_port)
        if "PKRAFT_COMMUNICATION_SMTP_HOST" in env:
            env["PKRAFT_COMMUNICATION_SMTP_HOST"] = "127.0.0.1"
    health = env.pop("PKRAFT_HEALTH_PORT", "")
    env["PKRAFT_HEALTH_PORT"] = ports.get(health, health)
    # Tansu (the test broker) has no idempotent producer; Apache Kafka in compose does.
    env["PKRAFT_KAFKA_IDEMPOTENCE"] = "false"
    env["PKRAFT_KAFKA_SESSION_TIMEOUT_MS"] = "6000"
    env["PKRAFT_VAR_DIR"] = str(mapping.var_dir)
    env["PATH"] = os.environ.get("PATH", "")
    # The suite's organisation (root conftest): the default plus the tilbud tests make up.
    if "PKRAFT_ORGANISATION_FILE" in os.environ:
        env["PKRAFT_ORGANISATION_FILE"] = os.environ["PKRAFT_ORGANISATION_FILE"]
    argv = [str(PKRAFT), *spec.get("command", [])]
    return Local(name, argv, env, int(env["PKRAFT_HEALTH_PORT"] or 0))


def start(local: Local, log_dir: Path) -> subprocess.Popen[bytes]:
    log = (log_dir / f"{local.name}.log").open("wb")
    return subprocess.Popen(
        local.argv, env=local.env, cwd=log_dir, stdout=log, stderr=subprocess.STDOUT
    )


def readyz(port: int) -> tuple[int, dict[str, Any]]:
    try:
        r = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
        return r.status_code, r.json()
    except (httpx.HTTPError, ValueError) as exc:
        return 0, {"error": type(exc).__name__}


def wait_ready(
    port: int, proc: subprocess.Popen[bytes], timeout: float = 60
) -> tuple[int, dict[str, Any]]:
    deadline = time.monotonic() + timeout
    status, body = 0, {}
    while time.monotonic() < deadline and proc.poll() is None:
        status, body = readyz(port)
        if status == 200:
            break
        time.sleep(0.3)
    return status, body


def stop(proc: subprocess.Popen[bytes], timeout: float = 15) -> tuple[int | None, float]:
    """SIGTERM, then the exit code and how long it took (None: had to be killed)."""
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None, time.monotonic() - started
    return code, time.monotonic() - started


def tail(log_dir: Path, name: str, lines: int = 30) -> str:
    path = log_dir / f"{name}.log"
    text = path.read_text(errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])
