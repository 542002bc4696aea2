"""``make bench``: every benchmark module in this folder, each in its own process.

A benchmark is a module ``bench/<name>.py`` with a ``__main__`` block that measures a
baseline and the system in the same run and rewrites its own section of
docs/benchmarks.md (``bench.common.replace_section``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HELPERS = {"__init__", "common", "loadgen", "run"}


def main() -> int:
    here = Path(__file__).resolve().parent
    modules = sorted(p.stem for p in here.glob("*.py") if p.stem not in HELPERS)
    failed = []
    for name in modules:
        print(f"== bench.{name}", flush=True)
        if subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=here.parent).returncode:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
