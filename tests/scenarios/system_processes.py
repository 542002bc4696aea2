"""The whole system as real processes (``pkraft <service> <process>``), each with its log
captured to ``<name>.log`` in a directory, on the given broker and SQLite stores in a
directory: cases API + relay, councils API + consumer, communication API + consumer + relay
+ mail catcher, read side API + consumer."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pkraft.broker import free_port
from tests.ops.containers import PKRAFT, tail, wait_ready


@dataclass
class System:
    """Where the processes of one run listen, log and store."""

    directory: Path
    bootstrap: str
    suffix: str
    ports: dict[str, int] = field(default_factory=dict)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def logs(self) -> Path:
        return self.directory / "logs"

    @property
    def var(self) -> Path:
        return self.directory / "var"

    def db(self, service: str) -> str:
        return f"sqlite:///{self.directory}/{service}.sqlite"

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def topic(self, service: str) -> str:
        return f"{service}-{self.suffix}"

    def topics(self) -> list[str]:
        names = [self.topic(s) for s in ("cases", "councils", "comm")]
        return [*names, *(f"{t}.dlq" for t in names)]

    def env(self, name: str) -> dict[str, str]:
        port = self.ports.setdefault(name, free_port())
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PKRAFT_DEV_MODE": "true",
            "PKRAFT_VAR_DIR": str(self.var),
            "PKRAFT_LOG_FORMAT": "json",
            "PKRAFT_LOG_LEVEL": "INFO",
            "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "PKRAFT_KAFKA_IDEMPOTENCE": "false",
            "PKRAFT_KAFKA_SESSION_TIMEOUT_MS": "6000",
            "PKRAFT_CHECKPOINT_INTERVAL_SECONDS": "2",
            "PKRAFT_HEALTH_PORT": str(port),
            "PKRAFT_OPS_HOST": "127.0.0.1",
            "PKRAFT_OPS_PORT": str(port),
            "PKRAFT_CASES_DATABASE_URL": self.db("cases"),
            "PKRAFT_CASES_TOPIC": self.topic("cases"),
            "PKRAFT_COUNCILS_DATABASE_URL": self.db("councils"),
            "PKRAFT_COUNCILS_TOPIC": self.topic("councils"),
            "PKRAFT_COUNCILS_CASES_TOPIC": self.topic("cases"),
            "PKRAFT_COUNCILS_CONSUMER_GROUP": f"councils-{self.suffix}",
            "PKRAFT_COMMUNICATION_DATABASE_URL": self.db("communication"),
            "PKRAFT_COMMUNICATION_TOPIC": self.topic("comm"),
            "PKRAFT_COMMUNICATION_CASES_TOPIC": self.topic("cases"),
            "PKRAFT_COMMUNICATION_COUNCILS_TOPIC": self.topic("councils"),
            "PKRAFT_COMMUNICATION_CONSUMER_GROUP": f"comm-{self.suffix}",
            "PKRAFT_COMMUNICATION_SMTP_HOST": "127.0.0.1",
            "PKRAFT_COMMUNICATION_SMTP_PORT": str(self.ports.setdefault("smtp", free_port())),
            "PKRAFT_COMMUNICATION_MAILCATCHER_PORT": str(self.ports["smtp"]),
            "PKRAFT_COMMUNICATION_SENDER_IDLE_MS": "100",
            "PKRAFT_READSIDE_DATABASE_URL": self.db("readside"),
            "PKRAFT_READSIDE_TOPICS": json.dumps(
                [self.topic(s) for s in ("cases", "councils", "comm")]
            ),
            "PKRAFT_READSIDE_GROUP_ID": f"readside-{self.suffix}",
        }
        if os.environ.get("PKRAFT_ORGANISATION_FILE"):  # the tests' tilbud (conftest.py)
            env["PKRAFT_ORGANISATION_FILE"] = os.environ["PKRAFT_ORGANISATION_FILE"]
        for service, api in (("CASES", "cases-api"), ("COUNCILS", "councils-api")):
            env[f"PKRAFT_COMMUNICATION_{service}_API_URL"] = self.url_of(api)
            env[f"PKRAFT_READSIDE_{service}_API_URL"] = self.url_of(api)
        for service in ("CASES", "COUNCILS", "COMMUNICATION", "READSIDE"):
            env[f"PKRAFT_{service}_HTTP_HOST"] = "127.0.0.1"
            env[f"PKRAFT_{service}_HTTP_PORT"] = str(port)
        env.pop("PKRAFT_COMMUNICATION_COUNCILS_API_URL")
        return env

    def url_of(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports.setdefault(name, free_port())}"

    def start(self, *names: str) -> None:
        """Start the processes at once, then wait until each is ready."""
        self.logs.mkdir(parents=True, exist_ok=True)
        for name in names:
            service, _, process = name.partition("-")
            argv = [str(PKRAFT), service, process]
            log = (self.logs / f"{name}.log").open("wb")
            self.procs[name] = subprocess.Popen(
                argv, env=self.env(name), cwd=self.directory, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 180  # a loaded machine imports slowly; ready ends it
        for name in names:
            left = max(1.0, deadline - time.monotonic())
            status, body = wait_ready(self.ports[name], self.procs[name], timeout=left)
            assert status == 200, (name, body, tail(self.logs, name))

    def log_bytes(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.logs.glob("*.log"))}


@contextmanager
def running_system(directory: Path, bootstrap: str, suffix: str) -> Iterator[System]:
    """Every process, the API of a service before its other processes (they share the
    dev keys it makes under var/ on first start); stopped with SIGTERM afterwards."""
    system = System(directory, bootstrap, suffix)
    try:
        system.start("cases-api", "councils-api", "communication-api", "readside-api")
        system.start(
            "cases-relay",
            "councils-consumer",
            "councils-relay",
            "communication-mailcatcher",
            "communication-consumer",
            "communication-relay",
            "readside-consumer",
        )
        yield system
    finally:
        for proc in system.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in system.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
