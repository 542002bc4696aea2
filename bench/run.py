"""``make bench``: every benchmark, each in its own process, one after the other.

A benchmark is a module ``bench/<name>.py`` listed in ``BENCHMARKS``: its ``__main__``
measures a baseline and the system in interleaved rounds (``bench.common.interleave``)
and rewrites its own section of docs/benchmarks.md (``bench.common.replace_section``).
The other modules here are helpers (stores, rounds, memory, the peer app, the fill).

``python -m bench.run [NAME ...]`` runs the named ones only.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# In order, with their arguments; each takes a few minutes at most on 2 cores.
BENCHMARKS: dict[str, list[str]] = {
    "cases_commands": [],
    "readside_freshness": [],
    "readside_replay_rebuild": [],
    "relay_drain": [],
    "readside_scaleout": [],
    "cold_reads": [],
}


def main(argv: list[str]) -> int:
    unknown = [n for n in argv if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    failed = []
    for name in argv or list(BENCHMARKS):
        if not (HERE / f"{name}.py").exists():
            print(f"== bench.{name}: not here yet, skipped", flush=True)
            continue
        print(f"== bench.{name}", flush=True)
        started = time.monotonic()
        args = [sys.executable, "-m", f"bench.{name}", *BENCHMARKS[name]]
        if subprocess.run(args, cwd=HERE.parent).returncode:
            failed.append(name)
        print(f"== bench.{name}: {time.monotonic() - started:.0f} s", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
