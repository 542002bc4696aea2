"""``make bench`` runs every benchmark there is, and refuses names it does not know."""

from __future__ import annotations

from pathlib import Path

from bench import run


def test_every_module_that_writes_a_section_is_run() -> None:
    writers = {
        p.stem
        for p in Path(run.__file__).parent.glob("*.py")
        if p.stem != "common" and "replace_section(" in p.read_text(encoding="utf-8")
    }
    assert writers <= set(run.BENCHMARKS), writers - set(run.BENCHMARKS)


def test_an_unknown_benchmark_is_refused() -> None:
    assert run.main(["no_such_benchmark"]) == 2
