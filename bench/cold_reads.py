"""Cold reads: a command on a case no cache holds, in a store of 1,000,000 events vs 10,000.

Two stores of the same kind, filled before anything is timed (``bench/coldfill.py``):
the same 200 realistic cases of 25 events (through the service's own mapper and
recorder), spread among filler cases (copies of a real case's stored events, chained)
up to 10,000 events in one store (the baseline) and 1,000,000 in the other (the
system). A ``pkraft cases api`` runs on each. In rounds (baseline, system, ...), each
sends one dialogue note at a time to cases it has never touched (not in its aggregate
cache, nor the library's), so every command loads its case from the store first. The
ratio is the system's p50 (and p99) over the baseline's, per round; the section gives
the median and range, the absolute latencies, the fill times and both APIs' memory.

Run: ``.venv/bin/python -m bench.cold_reads [--rounds 3] [--per-round 60]
[--events 1000000]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import httpx

from bench import rss
from bench.coldfill import fill
from bench.common import (
    bench_organisation,
    drop_store,
    fresh_store,
    interleave,
    load_note,
    percentile,
    replace_section,
    server_env,
    spread,
)
from bench.procs import spawn, stop, wait_healthy
from pkraft.broker import free_port
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.auth import issue_token
from shared.config import CommonSettings

EVENTS_PER_CASE = 25
TARGETS = 200
SIZES = {"baseline": 10_000, "system": 1_000_000}


def prepare(kind: str, events: int, tmp: Path) -> tuple[str, list[str], float]:
    """A filled store: its URL, the realistic cases' ids (shuffled) and the fill time."""
    url = fresh_store(kind, tmp)
    app = build_application(CasesSettings(database_url=url))
    started = time.perf_counter()
    try:
        ids = fill(app, TARGETS, events - TARGETS * EVENTS_PER_CASE, EVENTS_PER_CASE)
    except BaseException:
        app.close()
        drop_store(url)
        raise
    took = time.perf_counter() - started
    app.close()
    random.shuffle(ids)
    return url, ids, took


class ColdTarget:
    """A cases API on one store, and the cases it has not touched yet."""

    def __init__(self, url: str, ids: list[str], tmp: Path, name: str) -> None:
        self.port = free_port()
        env = server_env(
            PKRAFT_CASES_DATABASE_URL=url,
            PKRAFT_CASES_HTTP_PORT=str(self.port),
            PKRAFT_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:1",
            PKRAFT_ORGANISATION_FILE=bench_organisation(["cold"]),
        )
        log = tmp / f"cold-{name}.log"
        self.proc = spawn(["-m", "pkraft.cli", "cases", "api"], env, log)
        wait_healthy(self.port, self.proc, log)
        self.untouched = list(ids)
        token = issue_token(CommonSettings(), "bench", ["caseworker"])
        self.http = httpx.Client(
            base_url=f"http://127.0.0.1:{self.port}",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )

    def phase(self, commands: int) -> list[float]:
        """Latencies (s) of ``commands`` dialogue notes, one at a time, each on a new case."""
        out = []
        for _ in range(commands):
            case_id = self.untouched.pop()
            t0 = time.perf_counter()
            r = self.http.post(
                f"/cases/{case_id}/dialogue-notes", json={"kind": "phone", "summary": "cold"}
            )
            out.append(time.perf_counter() - t0)
            if r.status_code != 201:
                raise RuntimeError(f"cold command answered {r.status_code}: {r.text[:300]}")
        return out

    def close(self) -> None:
        self.http.close()
        stop(self.proc)


def run(kind: str, rounds: int, per_round: int, tmp: Path) -> tuple[str, str, str]:
    stores: dict[str, tuple[str, list[str], float]] = {}
    targets: dict[str, ColdTarget] = {}
    try:
        for name, events in SIZES.items():
            stores[name] = prepare(kind, events, tmp)
            print(f"{kind} {name}: {events:,} events stored", flush=True)
        for name, (url, ids, _) in stores.items():
            targets[name] = ColdTarget(url, ids, tmp, f"{kind}-{name}")
        base, system = targets["baseline"], targets["system"]
        lat = interleave(
            [
                ("baseline", lambda: base.phase(per_round)),
                ("system", lambda: system.phase(per_round)),
            ],
            rounds,
        )
        mem = rss.snapshot({f"cases api ({n})": t.proc.pid for n, t in targets.items()})
    finally:
        for t in targets.values():
            t.close()
        for url, _, _ in stores.values():
            drop_store(url)

    def each(name: str, p: float) -> list[float]:
        return [percentile(r, p) * 1000 for r in lat[name]]

    def ratio(p: float) -> str:
        pairs = zip(each("system", p), each("baseline", p), strict=True)
        return spread([s / b for s, b in pairs]).ratio()

    def pooled(name: str) -> str:
        flat = [x * 1000 for r in lat[name] for x in r]
        return f"{percentile(flat, 50):.1f} / {percentile(flat, 99):.1f}"

    row = (
        f"| {kind} | {ratio(50)} | {ratio(99)} | {pooled('baseline')} | {pooled('system')} | "
        f"{rounds * per_round} each |"
    )
    fills = ", ".join(f"{SIZES[n]:,} events in {took:.0f} s" for n, (_, _, took) in stores.items())
    return row, f"- {kind}: {fills}.", f"- {kind}: {rss.describe(mem)}."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-round", type=int, default=60)
    parser.add_argument("--stores", default="postgres,sqlite")
    parser.add_argument("--events", type=int, default=SIZES["system"], help="system store")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    SIZES["system"] = args.events
    if args.rounds * args.per_round > TARGETS:
        parser.error(f"at most {TARGETS} cold commands per store")
    rows, fills, memory = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.stores.split(","):
            row, filled, mem = run(kind, args.rounds, args.per_round, Path(tmp))
            rows.append(row)
            fills.append(filled)
            memory.append(mem)
            print(row, filled, mem, sep="\n", flush=True)
    body = "\n".join(
        [
            "## Cases: cold reads at 1,000,000 events (issue 15)",
            "",
            "Measured by `bench/cold_reads.py`: a dialogue note on a case the API has never "
            "touched (so it loads the case from the store first), one command at a time, in "
            f"{args.rounds} rounds of {args.per_round} commands on each store. Baseline: a "
            f"store of {SIZES['baseline']:,} events; system: {SIZES['system']:,} events. The "
            f"measured cases ({TARGETS} realistic cases of {EVENTS_PER_CASE} events, stored "
            "through the service's mapper and recorder) are the same in both, spread through "
            "the store; the rest are filler cases (a real case's stored events copied under "
            "new ids, chained by the chain's recipe, with a key row each). PostgreSQL's and "
            "the OS's caches are not dropped: the data is what the machine holds after the "
            "fill. Ratios: system ÷ baseline per round, median and range. Goal (issue 15): "
            "p50 at 1M ≤ 1.2× the 10k figure. Times in ms.",
            "",
            "| store | p50 ratio 1M ÷ 10k | p99 ratio 1M ÷ 10k | 10k p50 / p99 | "
            "1M p50 / p99 | cold commands |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            "Fill time (before anything is timed):",
            "",
            *fills,
            "",
            "Resident memory after the load, MB:",
            "",
            *memory,
            "",
            load_note(),
        ]
    )
    if not args.no_write:
        replace_section("cold-reads", body)
    print(body)


if __name__ == "__main__":
    main()
