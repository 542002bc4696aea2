"""Resident memory read from /proc: a fake /proc for the parsing, the real one for ourselves."""

from __future__ import annotations

import os
from pathlib import Path

from bench import rss


def _proc(root: Path, pid: int, ppid: int, comm: str, rss_kb: int, hwm_kb: int) -> None:
    d = root / str(pid)
    d.mkdir()
    (d / "status").write_text(f"Name:\t{comm}\nVmHWM:\t{hwm_kb} kB\nVmRSS:\t{rss_kb} kB\n")
    (d / "stat").write_text(f"{pid} ({comm}) S {ppid} 1 1 0\n")


def test_a_supervisor_counts_with_its_workers(tmp_path: Path) -> None:
    _proc(tmp_path, 10, 1, "python", 51200, 61440)
    _proc(tmp_path, 11, 10, "python (worker) 2", 102400, 102400)  # comm with ") "
    _proc(tmp_path, 12, 1, "other", 1024, 1024)
    (tmp_path / "self").mkdir()  # not a pid: skipped
    mem = rss.snapshot({"api": 10}, proc=tmp_path)
    assert mem["api"] == rss.Memory(50.0, 60.0)
    assert mem["api/worker 1"] == rss.Memory(100.0, 100.0)
    assert "other" not in " ".join(mem)
    assert rss.largest(mem) == 100.0
    assert rss.describe(mem).startswith("api/worker 1 100 (peak 100), api 50 (peak 60)")


def test_a_process_gone_is_left_out(tmp_path: Path) -> None:
    assert rss.memory(99, proc=tmp_path) is None
    assert "api" not in rss.snapshot({"api": 99}, proc=tmp_path)


def test_this_process_is_the_load_generator() -> None:
    mem = rss.snapshot({})
    assert mem["load generator"].rss_mb > 1
    assert rss.memory(os.getpid()) is not None
