"""``pkraft run`` (``make run``): says a process is ready only when its /readyz says so,
names what is still starting, refuses a taken broker port, and leaves no child behind
however it is stopped (SIGTERM then SIGKILL to its group, or SIGKILL to it alone)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from pkraft.broker import free_port, port_open
from pkraft.devrun import SMTP_PORT
from pkraft.processes import PROCESSES
from pkraft.readyprobe import explain

PKRAFT = Path(sys.executable).parent / "pkraft"
START_LIMIT = 240.0  # the whole system on a loaded 2-core machine


@dataclass
class Run:
    proc: subprocess.Popen[str]
    broker_port: int
    offset: int
    lines: list[str] = field(default_factory=list)

    def wait_for(self, text: str, timeout: float = START_LIMIT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((line for line in list(self.lines) if text in line), None)
            if found is not None:
                return found
            if self.proc.poll() is not None and not self.reading.is_alive():
                break
            time.sleep(0.2)
        raise AssertionError(f"no line with {text!r} in:\n" + "".join(self.lines))

    reading: threading.Thread = field(init=False)


def _free_offset(broker_port: int) -> int:
    """An offset under which every port ``pkraft run`` listens on is free."""
    for _ in range(50):
        offset = random.randrange(20_000, 40_000, 100)
        ports = [p.ready_port + offset for p in PROCESSES] + [SMTP_PORT + offset]
        if all(not port_open("127.0.0.1", port) for port in ports):
            return offset
    raise RuntimeError("no free port range")


def _start(tmp_path: Path, *extra: str, broker_port: int | None = None) -> Run:
    broker_port = broker_port or free_port()
    offset = _free_offset(broker_port)
    env = dict(os.environ, PKRAFT_VAR_DIR=str(tmp_path / "var"), PYTHONUNBUFFERED="1")
    argv = [str(PKRAFT), "run", "--broker-port", str(broker_port), "--port-offset", str(offset)]
    proc = subprocess.Popen(
        [*argv, *extra],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own group, as a process manager starts it
    )
    run = Run(proc, broker_port, offset)
    assert proc.stdout is not None
    stdout = proc.stdout

    def read() -> None:
        for line in stdout:
            run.lines.append(line)

    run.reading = threading.Thread(target=read, daemon=True)
    run.reading.start()
    return run


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        kids = {child for child, parent in parents.items() if parent == current}
        todo += list(kids - found)
        found |= kids
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead, waiting for its new parent to reap it


def _wait_gone(pids: set[int], timeout: float) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.2)
    return {p for p in pids if _alive(p)}


@pytest.fixture
def cleanup() -> Iterator[list[Run]]:
    runs: list[Run] = []
    yield runs
    for run in runs:
        left = {p for p in _descendants(run.proc.pid) if _alive(p)}
        if run.proc.poll() is None:
            os.killpg(run.proc.pid, signal.SIGKILL)
            run.proc.wait()
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_explain_names_what_readyz_says_is_missing() -> None:
    body = {"status": "not_ready", "checks": {"relay": True, "broker": False, "database": False}}
    assert explain(503, body) == "broker not reachable, database not reachable"
    assert explain(None, None) == "not answering yet"
    assert explain(503, {"checks": {"consumers_assigned": False}}) == "no partitions assigned yet"


@pytest.mark.kafka
def test_a_taken_broker_port_is_named_and_nothing_starts(tmp_path: Path) -> None:
    with socket.socket() as stale:
        stale.bind(("127.0.0.1", 0))
        stale.listen()
        port = stale.getsockname()[1]
        env = dict(os.environ, PKRAFT_VAR_DIR=str(tmp_path / "var"))
        done = subprocess.run(
            [str(PKRAFT), "run", "--broker-port", str(port), "--port-offset", "23000"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{port} (the embedded broker)" in done.stderr
    assert "Nothing was started" in done.stderr


@pytest.mark.kafka
@pytest.mark.slow
def test_ready_lines_tell_the_truth_and_sigterm_then_sigkill_leaves_no_child(
    tmp_path: Path, cleanup: list[Run]
) -> None:
    run = _start(tmp_path)
    cleanup.append(run)
    run.wait_for(f"all {len(PROCESSES)} processes ready")
    for spec in PROCESSES:
        run.wait_for(f"ready: {spec.name} ", timeout=1)
        port = spec.ready_port + run.offset
        r = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10)
        assert r.status_code == 200, f"{spec.name} said ready, /readyz: {r.text}"
    children = _descendants(run.proc.pid)
    assert len(children) >= len(PROCESSES) + 1  # every process and the broker

    # A killed process is restarted, and its ready line counts from its restart.
    killed_at = time.monotonic()
    consumer = next(p for p in children if b"readside\x00consumer" in _cmdline(p))
    os.kill(consumer, signal.SIGKILL)
    run.wait_for("! readside-consumer exited with code -9; restart in 1 s")
    deadline = time.monotonic() + START_LIMIT
    while sum("ready: readside-consumer " in line for line in list(run.lines)) < 2:
        assert time.monotonic() < deadline, "".join(run.lines)
        time.sleep(0.2)
    again = [line for line in list(run.lines) if "ready: readside-consumer " in line][1]
    took = int(again.rsplit("(after ", 1)[1].split(" s)")[0])
    assert took <= time.monotonic() - killed_at + 1, again
    children = _descendants(run.proc.pid)

    # As a process manager stops it: SIGTERM to the group, SIGKILL a few seconds later.
    os.killpg(run.proc.pid, signal.SIGTERM)
    try:
        run.proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        os.killpg(run.proc.pid, signal.SIGKILL)
        run.proc.wait()
    left = _wait_gone(children, timeout=10)
    assert not left, f"children left behind: {left}\n" + "".join(run.lines)
    assert not port_open("127.0.0.1", run.broker_port), "the broker still listens"


@pytest.mark.kafka
@pytest.mark.slow
def test_a_start_limit_names_the_laggards_and_children_die_with_a_killed_parent(
    tmp_path: Path, cleanup: list[Run]
) -> None:
    run = _start(tmp_path, "--ready-timeout", "1")
    cleanup.append(run)
    run.wait_for("not ready after 1 s")
    laggard = run.wait_for("; log: ", timeout=5)
    name = laggard.split("!", 1)[1].split(":", 1)[0].strip()
    assert name in {p.name for p in PROCESSES}
    assert str(tmp_path / "var" / "log" / f"{name}.log") in laggard
    run.wait_for(f"ready: {name} ")  # a late one is still reported, and so is the end
    run.wait_for(f"all {len(PROCESSES)} processes ready")
    children = _descendants(run.proc.pid)
    assert len(children) >= len(PROCESSES) + 1

    os.kill(run.proc.pid, signal.SIGKILL)  # the parent alone, with no chance to clean up
    run.proc.wait()
    left = _wait_gone(children, timeout=10)
    assert not left, f"children outlived their parent: {left}"
    assert not port_open("127.0.0.1", run.broker_port), "the broker still listens"
