"""``pkraft run``: the whole system on one machine, no Docker.

Starts the embedded broker (unless one already answers), creates the topics, starts
every process with its defaults (SQLite under ./var), prints the URLs, and stops
everything cleanly on Ctrl-C.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from pkraft.broker import port_open, start_tansu
from pkraft.processes import PROCESSES, TOPICS
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics


def _spawn(
    args: tuple[str, ...], env: dict[str, str], log_dir: Path, name: str
) -> subprocess.Popen[bytes]:
    log = (log_dir / f"{name}.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "pkraft.cli", *args], env=env, stdout=log, stderr=subprocess.STDOUT
    )


def _wait_healthy(port: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def run(broker_port: int = 9092) -> int:
    common = CommonSettings()
    var = Path(common.var_dir)
    (var / "log").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("PKRAFT_KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{broker_port}")
    env.setdefault("PKRAFT_LOG_FORMAT", "json")
    broker = None
    if port_open("127.0.0.1", broker_port):
        print(f"· using the broker already listening on 127.0.0.1:{broker_port}")
    else:
        broker = start_tansu(broker_port, log=(var / "log" / "tansu.log").open("ab"))
        print(f"· embedded broker (Tansu) on 127.0.0.1:{broker_port} (memory only)")
    common = CommonSettings(kafka_bootstrap_servers=env["PKRAFT_KAFKA_BOOTSTRAP_SERVERS"])
    created = asyncio.run(ensure_topics(common, TOPICS))
    print(f"· topics: {', '.join(TOPICS)} ({len(created)} created)")
    children = {p.name: _spawn(p.args, env, var / "log", p.name) for p in PROCESSES}
    for p in PROCESSES:
        if p.port is None:
            continue
        ok = _wait_healthy(p.port)
        state = "up" if ok else "NOT HEALTHY (see var/log)"
        print(f"· {p.name:<22} http://127.0.0.1:{p.port}  docs: /docs  {state}")
    print(f"· logs in {var / 'log'}/; get a token:  .venv/bin/pkraft token --role caseworker")
    print("· Ctrl-C stops everything")
    stopping = False

    def _stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        while not stopping:
            for name, proc in children.items():
                if proc.poll() is not None:
                    print(f"! {name} exited with code {proc.returncode}; restarting")
                    spec = next(p for p in PROCESSES if p.name == name)
                    children[name] = _spawn(spec.args, env, var / "log", name)
            time.sleep(0.5)
    finally:
        print("· stopping")
        for proc in children.values():
            proc.send_signal(signal.SIGTERM)
        for proc in children.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        if broker is not None:
            broker.terminate()
            broker.wait(timeout=10)
    return 0
