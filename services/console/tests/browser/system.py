"""The real services a browser test clicks through: the cases API and relay, the read
side (API and consumer), the councils API and consumer (the electorate), and the
communication service (API, consumer and the dev mail catcher) on a real broker,
SQLite stores in a temporary directory, and the console, each as its own process
(``pkraft <service> <process>``)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from pkraft.broker import free_port
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.organisation import DEFAULT_FILE


@dataclass
class System:
    console_url: str
    cases_url: str
    readside_url: str
    communication_url: str
    councils_url: str


def _env(kafka: str, tmp: Path, topic: str, ports: dict[str, int]) -> dict[str, str]:
    cases_db = f"sqlite:///{tmp}/cases.sqlite"
    return {
        **os.environ,
        "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": kafka,
        "PKRAFT_KAFKA_SESSION_TIMEOUT_MS": "6000",
        "PKRAFT_LOG_FORMAT": "json",
        "PKRAFT_VAR_DIR": str(tmp),
        "PKRAFT_OPS_PORT": "0",
        "PKRAFT_CASES_HTTP_PORT": str(ports["cases"]),
        "PKRAFT_CASES_DATABASE_URL": cases_db,
        "PKRAFT_CASES_TOPIC": topic,
        "PKRAFT_CASES_RELAY_POLL_INTERVAL_MS": "50",
        "PKRAFT_READSIDE_HTTP_PORT": str(ports["readside"]),
        "PKRAFT_READSIDE_DATABASE_URL": f"sqlite:///{tmp}/readside.sqlite",
        "PKRAFT_READSIDE_TOPICS": f'["{topic}"]',
        "PKRAFT_READSIDE_GROUP_ID": f"console-test-{topic}",
        "PKRAFT_READSIDE_CASES_API_URL": f"http://127.0.0.1:{ports['cases']}",
        "PKRAFT_READSIDE_COUNCILS_API_URL": f"http://127.0.0.1:{ports['councils']}",
        "PKRAFT_COUNCILS_HTTP_PORT": str(ports["councils"]),
        "PKRAFT_COUNCILS_DATABASE_URL": f"sqlite:///{tmp}/councils.sqlite",
        "PKRAFT_COUNCILS_CASES_TOPIC": topic,
        "PKRAFT_COUNCILS_CONSUMER_GROUP": f"console-test-councils-{topic}",
        "PKRAFT_COMMUNICATION_HTTP_PORT": str(ports["communication"]),
        "PKRAFT_COMMUNICATION_DATABASE_URL": f"sqlite:///{tmp}/communication.sqlite",
        "PKRAFT_COMMUNICATION_CASES_TOPIC": topic,
        "PKRAFT_COMMUNICATION_COUNCILS_TOPIC": "",
        "PKRAFT_COMMUNICATION_CONSUMER_GROUP": f"console-test-comm-{topic}",
        "PKRAFT_COMMUNICATION_CASES_API_URL": f"http://127.0.0.1:{ports['cases']}",
        "PKRAFT_COMMUNICATION_SMTP_PORT": str(ports["mail"]),
        "PKRAFT_COMMUNICATION_MAILCATCHER_PORT": str(ports["mail"]),
        "PKRAFT_COMMUNICATION_SENDER_IDLE_MS": "100",
        "PKRAFT_CONSOLE_HTTP_PORT": str(ports["console"]),
        "PKRAFT_CONSOLE_COUNCILS_API_URL": f"http://127.0.0.1:{ports['councils']}",
        "PKRAFT_CONSOLE_COMMUNICATION_API_URL": f"http://127.0.0.1:{ports['communication']}",
        "PKRAFT_CONSOLE_CASES_API_URL": f"http://127.0.0.1:{ports['cases']}",
        "PKRAFT_CONSOLE_READSIDE_API_URL": f"http://127.0.0.1:{ports['readside']}",
        # The municipality's own organisation (ten tilbud), as a user sees it, not the
        # suite's test organisation with thousands of made-up tilbud on every list.
        "PKRAFT_ORGANISATION_FILE": str(DEFAULT_FILE),
    }


def _wait_ready(url: str, procs: dict[str, subprocess.Popen[bytes]], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dead = {name: p.returncode for name, p in procs.items() if p.poll() is not None}
        if dead:
            raise RuntimeError(f"exited early: {dead}")
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready")


@contextmanager
def running_system(
    kafka: str, tmp: Path, topic: str, communication_events: bool = False
) -> Iterator[System]:
    """Start every process, wait until each API is ready, stop them all afterwards.
    ``communication_events``: the communication relay too, and the read side follows its
    topic (the survey results reach the dashboards)."""
    common = CommonSettings(kafka_bootstrap_servers=kafka)
    topics = [topic, f"{topic}-communication"] if communication_events else [topic]
    # In a thread of its own: Playwright's sync API may already run a loop in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, ensure_topics(common, topics)).result()
    names = ("cases", "readside", "councils", "communication", "mail", "console")
    ports = {name: free_port() for name in names}
    env = _env(kafka, tmp, topic, ports)
    if communication_events:
        env["PKRAFT_COMMUNICATION_TOPIC"] = topics[1]
        env["PKRAFT_COMMUNICATION_RELAY_POLL_INTERVAL_MS"] = "50"
        env["PKRAFT_READSIDE_TOPICS"] = json.dumps(topics)
    commands = {
        "cases-api": ("cases", "api"),
        "cases-relay": ("cases", "relay"),
        "readside-api": ("readside", "api"),
        "readside-consumer": ("readside", "consumer"),
        "councils-api": ("councils", "api"),
        "councils-consumer": ("councils", "consumer"),
        "communication-api": ("communication", "api"),
        "communication-consumer": ("communication", "consumer"),
        "mailcatcher": ("communication", "mailcatcher"),
        "console": ("console", "api"),
    }
    if communication_events:
        commands["communication-relay"] = ("communication", "relay")
    procs: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, args in commands.items():
            log = (tmp / f"{name}.log").open("wb")
            procs[name] = subprocess.Popen(
                [sys.executable, "-m", "pkraft.cli", *args], env=env, stdout=log, stderr=log
            )
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for name, url in urls.items():
            if name != "mail":  # the mail catcher speaks SMTP only
                _wait_ready(url, procs, timeout=420)  # a loaded machine starts slowly (>3 min seen)
        yield System(urls["console"], urls["cases"], urls["readside"], urls["communication"],
                     urls["councils"])  # fmt: skip
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
