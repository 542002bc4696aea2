"""Helpers shared by the benchmarks: fresh stores, percentiles, rounds, the results file.

Rounds: a benchmark measures its baseline and its system in turn, round after round
(baseline, system, baseline, system, ...), and quotes each ratio as the median over the
rounds with its range, each round's ratio taken from figures measured seconds apart. A
loaded machine then slows both sides of a ratio alike instead of inflating it.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import psycopg

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"
RESULTS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
MIN_ROUNDS = 3
# Benchmarks issue their tokens with the development secret and run the services' own
# applications in process (their master keys made on first use under ./var).
os.environ.setdefault("PKRAFT_DEV_MODE", "true")
T = TypeVar("T")


def server_env(**settings: str) -> dict[str, str]:
    """The environment for a service process of a benchmark: this one's, in dev mode (the
    benchmark issues its tokens with the development secret), quiet logs, plus ``settings``."""
    return {**os.environ, "PKRAFT_DEV_MODE": "true", "PKRAFT_LOG_LEVEL": "WARNING", **settings}


def fresh_store(kind: str, workdir: Path) -> str:
    """A database URL for an empty store of ``kind`` (sqlite or postgres)."""
    if kind == "sqlite":
        return f"sqlite:///{workdir}/bench-{uuid.uuid4().hex[:8]}.sqlite"
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{PG_DSN}?schema={schema}"


def bench_organisation(tilbud_ids: Iterable[str]) -> str:
    """An organisation file: the default one plus the benchmark's made-up tilbud (the
    services refuse a tilbud not in the organisation); for ``PKRAFT_ORGANISATION_FILE``."""
    from shared.organisation import DEFAULT_FILE

    data = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    tilbud = [{"tilbud_id": t, "kind": "nursing_home", "staff": 1} for t in tilbud_ids]
    centre = {"centre_id": "bench", "label_da": "Benchmark", "tilbud": tilbud}
    data["departments"].append({"department_id": "bench", "centres": [centre]})
    path = Path(tempfile.mkdtemp(prefix="pkraft-bench-org-")) / "organisation.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def drop_store(url: str) -> None:
    if "schema=" in url:
        schema = url.rsplit("schema=", 1)[1]
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass(frozen=True)
class Spread:
    """The median of some per-round figures and their range."""

    median: float
    low: float
    high: float

    def ratio(self, digits: int = 2) -> str:
        """``**2.05×** (1.80–2.31)``: the median in bold, the rounds' range after it."""
        return f"**{self.median:.{digits}f}×** ({self.low:.{digits}f}–{self.high:.{digits}f})"

    def plain(self, digits: int = 0, unit: str = "") -> str:
        """``1,234 (1,100–1,300)``, thousands separated."""
        return f"{self.median:,.{digits}f}{unit} ({self.low:,.{digits}f}–{self.high:,.{digits}f})"


def spread(values: Sequence[float]) -> Spread:
    if not values:
        raise ValueError("no rounds to summarise")
    return Spread(statistics.median(values), min(values), max(values))


def ratios(numerator: Sequence[float], denominator: Sequence[float]) -> Spread:
    """Round by round ``numerator[i] / denominator[i]``, summarised."""
    if len(numerator) != len(denominator):
        raise ValueError("a ratio needs the same rounds on both sides")
    return spread([n / d for n, d in zip(numerator, denominator, strict=True)])


def _check_rounds(rounds: int) -> None:
    if rounds < MIN_ROUNDS:
        raise ValueError(f"at least {MIN_ROUNDS} rounds, so that a median means something")


def interleave(phases: Sequence[tuple[str, Callable[[], T]]], rounds: int) -> dict[str, list[T]]:
    """Each phase once per round, in the given order, round after round (baseline first,
    then the system(s)): ``{name: [round 1's figure, round 2's, ...]}``."""
    _check_rounds(rounds)
    out: dict[str, list[T]] = {name: [] for name, _ in phases}
    for _ in range(rounds):
        for name, phase in phases:
            out[name].append(phase())
    return out


async def ainterleave(
    phases: Sequence[tuple[str, Callable[[], Awaitable[T]]]], rounds: int
) -> dict[str, list[T]]:
    """:func:`interleave` for phases that are coroutines (one event loop for all rounds)."""
    _check_rounds(rounds)
    out: dict[str, list[T]] = {name: [] for name, _ in phases}
    for _ in range(rounds):
        for name, phase in phases:
            out[name].append(await phase())
    return out


def load_note() -> str:
    """One sentence on how busy the machine was, for a section's text (a loaded machine
    widens the rounds' ranges; the ratios pair figures measured seconds apart)."""
    one, five, _ = os.getloadavg()
    cores = os.cpu_count() or 1
    busy = " (other work ran in parallel)" if five > cores else ""
    return (
        f"Load average when this section was written: {one:.1f} (1 min), {five:.1f} (5 min) "
        f"on {cores} cores{busy}."
    )


def replace_section(name: str, body: str) -> None:
    """Replace (or append) the section between markers for ``name`` in docs/benchmarks.md."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text)
