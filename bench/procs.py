"""Server processes of a benchmark: start one, wait until it answers, stop it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx


def spawn(args: Sequence[str], env: dict[str, str], log: Path | None) -> subprocess.Popen[bytes]:
    """``python <args>`` with ``env``; its output goes to ``log`` (or nowhere)."""
    out = log.open("ab") if log is not None else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, *args], env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_healthy(port: int, proc: subprocess.Popen[bytes], log: Path | None = None) -> None:
    """Until ``GET /healthz`` answers 200 (3 min at most: a start takes long on a loaded
    2-core machine); fails at once if ``proc`` died."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:] if log is not None and log.exists() else ""
    stop(proc)
    raise RuntimeError(f"the process on port {port} did not come up\n{tail}")


def stop(*procs: subprocess.Popen[bytes]) -> None:
    """SIGTERM each, then wait (killing what does not stop within 30 s)."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
