"""Read side: auditors' replay of a 10,000-event case, and the projection rebuild rate.

In one run, on the same store kind:
- replay: ``repository.get(case, version=N)`` with snapshots every 50 events (what
  the cases service's replay route does) against the baseline of the same replay with no snapshot
  store (folding every event), plus the time-to-version lookup for ``--as-of TIME``;
- rebuild: ``pkraft readside rebuild`` (every projection from the audit log into new
  tables, then switch) against the raw rate of reading the same audit log (rows fetched
  and JSON decoded, nothing projected), and against reading the cases service's
  notification log (notifications fetched and decoded to domain events).

Each in rounds (baseline, system, baseline, system, ...), ratios per round.

Run: ``.venv/bin/python -m bench.readside_replay_rebuild [--rounds 3]``; writes
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from eventsourcing.application import Repository

from bench.common import (
    drop_store,
    fresh_store,
    interleave,
    load_note,
    ratios,
    replace_section,
    spread,
)
from services.cases.application import CasesApplication
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from services.readside.adapters import audit
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.rebuild import rebuild
from services.readside.tests.casefeed import NOW, feed
from shared.replay import Replayer
from shared.sqldb import Database

CPR = "0707614285"
LONG_CASE = 10_000
CASES, EVENTS_PER_CASE = 400, 50


def _open(app: CasesApplication, ref: str, tilbud: str) -> CollaborationCase:
    case = CollaborationCase.open(
        cpr=CPR,
        citizen_ref=ref,
        tilbud_id=tilbud,
        setting="nursing_home",
        planned_move_in=None,
        actor="bench",
    )
    app.save(case)
    return case


def long_case(app: CasesApplication) -> Any:
    case = _open(app, "long", "long")
    for n in range(LONG_CASE - 1):
        case.note_dialogue(
            note_id=f"n{n}", kind="phone", summary="s", participants=[], actor="bench"
        )
        if n % 500 == 499:
            app.save(case)
    app.save(case)
    return case.id


def _ms(fn: Any) -> float:
    """Wall time of one call in ms."""
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def replay_figures(url: str, rounds: int) -> dict[str, list[float]]:
    """Per round: the baseline (no snapshots) then the replays with snapshots."""
    app = build_application(CasesSettings(database_url=url, cache_size=1))
    case_id = long_case(app)
    replayer = Replayer(app, "case")
    no_snapshots = Repository(event_store=app.repository.event_store, snapshot_store=None)
    latest = replayer.latest_version(case_id)
    middle_v = LONG_CASE // 2 + 7
    middle: datetime = app.repository.get(case_id, version=middle_v).modified_on
    figures = interleave(
        [
            ("full_ms", lambda: _ms(lambda: no_snapshots.get(case_id, version=latest))),
            ("snapshot_ms", lambda: _ms(lambda: replayer.aggregate(case_id, latest, None))),
            ("snapshot_mid_ms", lambda: _ms(lambda: replayer.aggregate(case_id, middle_v, None))),
            ("as_of_time_ms", lambda: _ms(lambda: replayer.aggregate(case_id, None, middle))),
        ],
        rounds,
    )
    figures["events"] = [float(latest)]
    app.close()
    return figures


def busy_cases(app: CasesApplication) -> None:
    for i in range(CASES):
        case = _open(app, f"c{i}", f"tilbud-{i % 12}")
        case.add_relative(
            "r1",
            name="X",
            relation="son",
            legal_role="none",
            channels={"email": "x@example.dk"},
            preferred_channel="email",
            actor="bench",
        )
        case.grant_consent("r1", "share_information", "oral", "bench")
        case.assess_level(
            1 + i % 2, ["good_dialogue" if i % 2 == 0 else "dissatisfaction"], "why", "bench"
        )
        for k in range(EVENTS_PER_CASE - 5):
            if k % 9 == 0:
                case.receive_complaint(
                    f"k{k}", NOW - timedelta(hours=k), "r1", "email", "s", "bench", now=Now(NOW)
                )
            else:
                case.note_dialogue(
                    note_id=f"n{k}", kind="phone", summary="s", participants=[], actor="bench"
                )
        app.save(case)


def audit_read(db: Database) -> float:
    """Events/s reading the audit log raw (rows fetched, JSON decoded)."""
    t0 = time.perf_counter()
    n = 0
    with db.read() as tx:
        after = 0
        while rows := audit.rows_after(tx, after, 2000):
            for row in rows:
                json.loads(row["data"])
            n += len(rows)
            after = rows[-1]["seq"]
    return n / (time.perf_counter() - t0)


def log_read(cases_app: CasesApplication) -> float:
    """Events/s reading the cases notification log (fetched, decoded to domain events)."""
    t0 = time.perf_counter()
    m, start = 0, 1
    while notes := cases_app.recorder.select_notifications(start=start, limit=2000):
        for note in notes:
            cases_app.mapper.to_domain_event(note)
        m += len(notes)
        start = notes[-1].id + 1
    return m / (time.perf_counter() - t0)


def rebuild_figures(cases_url: str, readside_url: str, rounds: int) -> dict[str, list[float]]:
    """Per round: the two raw reads (baselines), then the rebuild."""
    app = build_application(CasesSettings(database_url=cases_url))
    busy_cases(app)
    db = Database(readside_url)
    feed(app, Ingestor(db))
    events: list[float] = []

    def rebuild_rate() -> float:
        t0 = time.perf_counter()
        result = rebuild(db, 2000)
        events.append(float(result.events))
        return result.events / (time.perf_counter() - t0)

    figures = interleave(
        [
            ("audit_read", lambda: audit_read(db)),
            ("log_read", lambda: log_read(app)),
            ("rebuild", rebuild_rate),
        ],
        rounds,
    )
    figures["events"] = events[-1:]
    db.close()
    app.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stores", default="postgres,sqlite")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    replay_rows, rebuild_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.stores.split(","):
            url = fresh_store(kind, Path(tmp))
            try:
                r = replay_figures(url, args.rounds)
            finally:
                drop_store(url)
            replay_rows.append(
                f"| {kind} | {ratios(r['full_ms'], r['snapshot_ms']).ratio(1)} | "
                f"{r['events'][0]:,.0f} | {spread(r['full_ms']).plain()} | "
                f"{spread(r['snapshot_ms']).plain(1)} | {spread(r['snapshot_mid_ms']).plain(1)} | "
                f"{spread(r['as_of_time_ms']).plain(1)} |"
            )
            print(replay_rows[-1], flush=True)
            cases_url, rs_url = fresh_store(kind, Path(tmp)), fresh_store(kind, Path(tmp))
            try:
                b = rebuild_figures(cases_url, rs_url, args.rounds)
            finally:
                drop_store(cases_url)
                drop_store(rs_url)
            rebuild_rows.append(
                f"| {kind} | {ratios(b['rebuild'], b['audit_read']).ratio()} | "
                f"{ratios(b['rebuild'], b['log_read']).ratio()} | {b['events'][0]:,.0f} | "
                f"{spread(b['audit_read']).plain()} | {spread(b['log_read']).plain()} | "
                f"{spread(b['rebuild']).plain()} |"
            )
            print(rebuild_rows[-1], flush=True)
    body = "\n".join(
        [
            "## Read side: replay and rebuild (issues 5 and 15)",
            "",
            "Measured by `bench/readside_replay_rebuild.py` (2-core machine, one process), "
            f"in {args.rounds} rounds of baseline then system; ratios are the median of the "
            "rounds' ratios with their range in brackets, as are the absolute figures.",
            "",
            f"**Replay of a {LONG_CASE:,}-event case** (the cases service's replay, "
            "`shared.replay.Replayer`, in process: the case's state at a version from its "
            "event store, snapshots every 50 events). Baseline: the same "
            "replay with no snapshot store, folding every event, same store, same round. Goal: "
            "≤ 100 ms. Times in ms.",
            "",
            "| store | speed-up (no snapshots ÷ with) | events | no snapshots ms | "
            "with snapshots ms (latest) | at mid-case version ms | "
            "`--as-of TIME` ms (bisect + replay) |",
            "|---|---|---|---|---|---|---|",
            *replay_rows,
            "",
            f"**Rebuild** of every projection ({CASES} cases, {EVENTS_PER_CASE} events each) from "
            "the audit log into new tables, then switch. Baselines in the same run: reading the "
            "same audit log raw (rows fetched and JSON-decoded, nothing written), and reading the "
            "cases service's notification log (fetched and decoded to domain events). "
            "Goal: ≥ 0.25 of raw. Rates in events/s.",
            "",
            "| store | rebuild ÷ audit-log read | rebuild ÷ notification-log read | events | "
            "raw audit-log read/s | raw cases notification-log read/s | rebuild/s |",
            "|---|---|---|---|---|---|---|",
            *rebuild_rows,
            "",
            load_note(),
        ]
    )
    if not args.no_write:
        replace_section("readside-replay-rebuild", body)
    print(body)


if __name__ == "__main__":
    main()
