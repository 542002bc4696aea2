"""Resident memory of the processes a benchmark ran, read from /proc (Linux).

Read right after the load, before the processes stop: ``VmRSS`` is what a process holds
then, ``VmHWM`` the most it held. A process with workers (uvicorn's supervisor) counts
with its children, each listed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Memory:
    """A process's resident memory in MB: now and its peak."""

    rss_mb: float
    peak_mb: float


def memory(pid: int, proc: Path = PROC) -> Memory | None:
    """``None`` if the process is gone."""
    try:
        status = (proc / str(pid) / "status").read_text()
    except OSError:
        return None
    fields: dict[str, float] = {}
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024  # kB
    return Memory(fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0))


def children(pid: int, proc: Path = PROC) -> list[int]:
    """Direct children of ``pid``."""
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return sorted(found)


def snapshot(processes: Mapping[str, int], proc: Path = PROC) -> dict[str, Memory]:
    """Every named process and its children (``name/worker 1``, ...); the benchmark's own
    process is added as ``load generator``."""
    out: dict[str, Memory] = {}
    for name, pid in {**processes, "load generator": os.getpid()}.items():
        mem = memory(pid, proc)
        if mem is not None:
            out[name] = mem
        if name == "load generator":
            continue
        for n, child in enumerate(children(pid, proc), 1):
            mem = memory(child, proc)
            if mem is not None:
                out[f"{name}/worker {n}"] = mem
    return out


def describe(mem: Mapping[str, Memory]) -> str:
    """``cases api 81 (peak 83), relay 64 (peak 64)`` in MB, largest first."""
    ordered = sorted(mem.items(), key=lambda kv: -kv[1].rss_mb)
    return ", ".join(f"{k} {m.rss_mb:.0f} (peak {m.peak_mb:.0f})" for k, m in ordered)


def largest(mem: Mapping[str, Memory]) -> float:
    return max((m.rss_mb for m in mem.values()), default=0.0)
