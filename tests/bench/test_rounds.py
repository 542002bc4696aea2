"""The rounds every benchmark measures in: order, the minimum, the ratio summary."""

from __future__ import annotations

import pytest

from bench.common import ainterleave, interleave, ratios, spread


def test_phases_alternate_round_after_round() -> None:
    calls: list[str] = []

    def phase(name: str) -> float:
        calls.append(name)
        return float(len(calls))

    out = interleave([("base", lambda: phase("base")), ("sys", lambda: phase("sys"))], 3)
    assert calls == ["base", "sys"] * 3
    assert out == {"base": [1.0, 3.0, 5.0], "sys": [2.0, 4.0, 6.0]}


def test_fewer_than_three_rounds_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 3 rounds"):
        interleave([("base", lambda: 1.0)], 2)


async def test_coroutine_phases_alternate_too() -> None:
    calls: list[str] = []

    async def phase(name: str) -> str:
        calls.append(name)
        return name

    out = await ainterleave([("a", lambda: phase("a")), ("b", lambda: phase("b"))], 3)
    assert calls == ["a", "b"] * 3
    assert out["b"] == ["b"] * 3


def test_ratio_is_taken_round_by_round_then_summarised() -> None:
    # A machine that slows down in round 2 slows both sides: the ratio stays 2.
    system, baseline = [200.0, 100.0, 210.0], [100.0, 50.0, 100.0]
    r = ratios(system, baseline)
    assert (r.median, r.low, r.high) == (2.0, 2.0, 2.1)
    assert r.ratio() == "**2.00×** (2.00–2.10)"


def test_ratio_needs_the_same_rounds_on_both_sides() -> None:
    with pytest.raises(ValueError):
        ratios([1.0, 2.0, 3.0], [1.0, 2.0])


def test_plain_figures_show_median_and_range() -> None:
    assert spread([1200.0, 1000.0, 1500.0]).plain() == "1,200 (1,000–1,500)"
