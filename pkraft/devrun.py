"""``pkraft run``: the whole system on one machine, no Docker.

Starts the embedded broker (and refuses to start when its port is taken, rather than
reuse a stale broker), creates the topics, starts every process of ``PROCESSES`` with
its defaults (SQLite under ./var), waits for each one's ``/readyz`` and says which are
still starting and why. SIGINT or SIGTERM stops everything within a bounded time; every
child dies with this process however it dies (``die_with_parent``), SIGKILL included.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from pkraft.broker import die_with_parent, port_open, start_tansu
from pkraft.processes import PROCESSES, TOPICS, Process
from pkraft.readyprobe import probe
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.privacy.envelope import ensure_key_file

SMTP_PORT = 8025  # the mail catcher's default (PKRAFT_COMMUNICATION_*_PORT)
STILL_STARTING_EVERY = 5.0
CHILD_GRACE = 20.0  # an API finishes its requests in flight within 20 s
BROKER_GRACE = 5.0
RESTART_BACKOFF_MAX = 30.0


class Stopping(BaseException):
    """SIGINT or SIGTERM arrived: stop everything."""


@dataclass
class Child:
    spec: Process
    env: dict[str, str]
    port: int  # where its /readyz answers
    proc: subprocess.Popen[bytes]
    ready: bool = False
    reason: str = "not answering yet"
    restarts: int = 0
    restart_at: float | None = None  # it exited: when to start it again
    started_at: float = field(default_factory=time.monotonic)  # its last (re)start
    failing: int = 0  # exits since it was last ready: the restart delay grows with these


def process_env(spec: Process, base: dict[str, str], offset: int) -> dict[str, str]:
    """The environment of one process: its API or ops port (shifted by ``offset``)."""
    env = dict(base)
    service = spec.args[0].upper()
    if spec.port:
        env[f"PKRAFT_{service}_HTTP_PORT"] = str(spec.port + offset)
    env["PKRAFT_OPS_HOST"] = "127.0.0.1"
    env["PKRAFT_OPS_PORT"] = str(spec.ops_port + offset) if spec.ops_port else "0"
    if offset:
        for key in ("PKRAFT_COMMUNICATION_SMTP_PORT", "PKRAFT_COMMUNICATION_MAILCATCHER_PORT"):
            env[key] = str(SMTP_PORT + offset)
        for api in PROCESSES:  # where the console finds the APIs
            if api.port:
                url = f"http://127.0.0.1:{api.port + offset}"
                env[f"PKRAFT_CONSOLE_{api.args[0].upper()}_API_URL"] = url
                if api.args[0] == "cases":  # the sender asks it for contact details
                    env["PKRAFT_COMMUNICATION_CASES_API_URL"] = url
    return env


def _spawn(spec: Process, env: dict[str, str], log_dir: Path) -> subprocess.Popen[bytes]:
    with (log_dir / f"{spec.name}.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "pkraft.cli", *spec.args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a signal to our group reaches only us; we forward it
            preexec_fn=die_with_parent(),
        )


def _ready_line(child: Child) -> str:
    took = f"after {time.monotonic() - child.started_at:.0f} s"
    if child.spec.port:
        where = f"http://127.0.0.1:{child.port}  docs: /docs"
    else:
        where = f"/readyz on http://127.0.0.1:{child.port}"
    return f"· ready: {child.spec.name:<26} {where}  ({took})"


def _taken_ports(broker_port: int, offset: int) -> list[str]:
    wanted = {broker_port: "the embedded broker"}
    for spec in PROCESSES:
        wanted[spec.ready_port + offset] = spec.name
    wanted[SMTP_PORT + offset] = "the mail catcher (SMTP)"
    return [f"{port} ({what})" for port, what in wanted.items() if port_open("127.0.0.1", port)]


def _stop(children: list[Child], broker: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM every child, SIGKILL what is left after the grace time, the broker last."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    started = time.monotonic()
    for child in children:
        if child.proc.poll() is None:
            child.proc.terminate()
    for child in children:
        try:
            child.proc.wait(timeout=max(0.1, started + CHILD_GRACE - time.monotonic()))
        except subprocess.TimeoutExpired:
            print(f"! {child.spec.name} did not stop within {CHILD_GRACE:.0f} s: killed")
            child.proc.kill()
            child.proc.wait()
    if broker is not None:
        broker.terminate()
        try:
            broker.wait(timeout=BROKER_GRACE)
        except subprocess.TimeoutExpired:
            broker.kill()
            broker.wait()
    print(f"· stopped in {time.monotonic() - started:.1f} s", flush=True)


def _watch(children: list[Child], log_dir: Path, ready_timeout: float) -> None:
    """Restart what exits, report readiness as it comes; returns only by ``Stopping``."""
    since = time.monotonic()
    all_ready = limit_passed = False
    last_note = since
    while True:
        for child in children:
            if child.restart_at is not None:
                if time.monotonic() >= child.restart_at:
                    child.proc = _spawn(child.spec, child.env, log_dir)
                    child.restart_at = None
                    child.started_at = time.monotonic()
            elif child.proc.poll() is not None:
                code = child.proc.returncode
                delay = min(RESTART_BACKOFF_MAX, 2.0**child.failing)
                print(f"! {child.spec.name} exited with code {code}; restart in {delay:.0f} s")
                child.restarts += 1
                child.failing += 1
                child.restart_at = time.monotonic() + delay
                child.ready = False
                child.reason = f"exited with code {code}, restarted {child.restarts}x"
            elif not child.ready:
                child.ready, reason = probe(child.port)
                if child.ready:
                    child.failing = 0
                    print(_ready_line(child), flush=True)
                elif child.restarts and reason == "not answering yet":
                    child.reason = f"not answering yet, restarted {child.restarts}x"
                else:
                    child.reason = reason
        waiting = [c for c in children if not c.ready]
        now = time.monotonic()
        if not waiting and not all_ready:
            all_ready = True
            print(f"· all {len(children)} processes ready in {now - since:.0f} s", flush=True)
            if not limit_passed:
                print("· get a token:  .venv/bin/pkraft token --role caseworker")
                print("· Ctrl-C stops everything", flush=True)
        starting = bool(waiting) and not all_ready and not limit_passed
        if starting and now - since > ready_timeout:
            limit_passed = True
            print(f"! not ready after {ready_timeout:.0f} s (the rest run on):")
            for c in waiting:
                print(f"!   {c.spec.name}: {c.reason}; log: {log_dir / (c.spec.name + '.log')}")
            print("· Ctrl-C stops everything", flush=True)
        elif starting and now - last_note >= STILL_STARTING_EVERY:
            last_note = now
            still = ", ".join(f"{c.spec.name} ({c.reason})" for c in waiting)
            print(f"· still starting: {still}", flush=True)
        time.sleep(0.5)


def run(broker_port: int = 9092, ready_timeout: float = 180.0, port_offset: int = 0) -> int:
    signalled = False

    def _signalled(signum: int, _frame: FrameType | None) -> None:
        nonlocal signalled
        if not signalled:  # once: a second signal must not cut the stop short
            signalled = True
            raise Stopping(signum)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _signalled)
    taken = _taken_ports(broker_port, port_offset)
    if taken:
        print(f"! port(s) already in use on 127.0.0.1: {', '.join(taken)}.", file=sys.stderr)
        print(
            "! Another `make run` (or a broker it left behind) may hold them; stop it, "
            "or choose other ports (--broker-port, --port-offset). Nothing was started.",
            file=sys.stderr,
        )
        return 1
    var = Path(CommonSettings().var_dir)
    log_dir = var / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    base = dict(os.environ)
    base["PKRAFT_KAFKA_BOOTSTRAP_SERVERS"] = f"127.0.0.1:{broker_port}"
    base.setdefault("PKRAFT_LOG_FORMAT", "json")
    base.setdefault("PKRAFT_DEV_MODE", "true")  # the development JWT secret is fine here
    if "PKRAFT_CASES_MASTER_KEY_FILE" not in base:  # every cases process shares one dev key
        ensure_key_file(var / "cases-master.key")
    broker: subprocess.Popen[bytes] | None = None
    children: list[Child] = []
    code = 0
    try:
        with (log_dir / "tansu.log").open("ab") as tansu_log:
            broker = start_tansu(broker_port, log=tansu_log)
        print(f"· embedded broker (Tansu) on 127.0.0.1:{broker_port} (memory only)")
        common = CommonSettings(kafka_bootstrap_servers=base["PKRAFT_KAFKA_BOOTSTRAP_SERVERS"])
        created = asyncio.run(ensure_topics(common, TOPICS))
        print(f"· topics: {', '.join(TOPICS)} ({len(created)} created)")
        for spec in PROCESSES:
            env = process_env(spec, base, port_offset)
            port = spec.ready_port + port_offset
            children.append(Child(spec, env, port, _spawn(spec, env, log_dir)))
        print(
            f"· started {len(children)} processes, logs in {log_dir}/; waiting for each "
            f"one's /readyz (up to {ready_timeout:.0f} s)",
            flush=True,
        )
        _watch(children, log_dir, ready_timeout)
    except Stopping:
        print("· stopping", flush=True)
    except RuntimeError as exc:  # the broker did not start
        print(f"! {exc}; see {log_dir / 'tansu.log'}", file=sys.stderr)
        code = 1
    finally:
        _stop(children, broker)
    return code
