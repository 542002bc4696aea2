"""Read side: CPU time per ingested event, in process (no broker, no HTTP).

Synthetic case events (open, level, leader, dialogue notes) go through
``Ingestor.ingest_many`` in batches, on SQLite and on PostgreSQL; the figure is this
process's CPU time (``time.process_time``) over the ingest calls divided by the events,
the median of ``--rounds`` rounds. ``--profile`` prints a cProfile of one SQLite round.

Run: ``.venv/bin/python -m bench.readside_ingest_cpu [--events 2000] [--rounds 5]``
(prints one line per store kind; writes nothing).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import drop_store, fresh_store
from services.readside.adapters.ingest import Delivered, Ingestor, delivered
from services.readside.tests.builders import CaseStream
from shared.contracts import cases as wire
from shared.sqldb import Database


def events(n: int) -> list[Delivered]:
    """``n`` events over cases of 25 events each."""
    out: list[Delivered] = []
    while len(out) < n:
        case = CaseStream()
        pairs: list[tuple[Any, dict[str, Any]]] = [case.opened(), case.level(2, None)]
        pairs.append(case.next(wire.LeaderAssigned, leader="leader-1"))
        for k in range(22):
            if k % 4 == 3:
                pairs.append(case.level(3 if k % 8 == 3 else 2, 2 if k % 8 == 3 else 3))
            else:
                pairs.append(case.next(wire.DialogueNoted, note_id=f"n{k}", kind="phone"))
        out.extend(delivered(env, data) for env, data in pairs)
    return out[:n]


def cpu_per_event(kind: str, n: int, batch: int, workdir: Path, profile: bool = False) -> float:
    """Milliseconds of CPU per event ingesting ``n`` events into a fresh store."""
    url = fresh_store(kind, workdir)
    db = Database(url)
    try:
        ingestor = Ingestor(db)
        items = events(n)
        ingestor.ingest_many(items[:batch])  # warm: tables, compiled statements
        rest = items[batch:]
        prof = cProfile.Profile() if profile else None
        start = time.process_time()
        if prof:
            prof.enable()
        for i in range(0, len(rest), batch):
            ingestor.ingest_many(rest[i : i + batch])
        if prof:
            prof.disable()
        spent = time.process_time() - start
        if prof:
            pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return spent * 1000 / len(rest)
    finally:
        db.close()
        drop_store(url)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kinds", default="sqlite,postgres")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile:
            cpu_per_event("sqlite", args.events, args.batch, Path(tmp), profile=True)
            return
        for kind in args.kinds.split(","):
            per = [
                cpu_per_event(kind, args.events, args.batch, Path(tmp)) for _ in range(args.rounds)
            ]
            print(f"{kind}: {statistics.median(per):.3f} ms CPU per event (median of {len(per)})")


if __name__ == "__main__":
    main()
