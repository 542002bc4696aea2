"""Read side: auditors' replay of a 10,000-event case, and the projection rebuild rate.

In one run, on the same store kind:
- replay: ``repository.get(case, version=N)`` with snapshots every 50 events (what
  ``pkraft audit replay`` does) against the baseline of the same replay with no snapshot
  store (folding every event), plus the time-to-version lookup for ``--as-of TIME``;
- rebuild: ``pkraft readside rebuild`` (every projection from the audit log into new
  tables, then switch) against the raw rate of reading the same audit log (rows fetched
  and JSON decoded, nothing projected), and against reading the cases service's
  notification log (notifications fetched and decoded to domain events).

Run: ``.venv/bin/python -m bench.readside_replay_rebuild``; writes docs/benchmarks.md.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from eventsourcing.application import Repository

from bench.common import drop_store, fresh_store, replace_section
from services.cases.application import CasesApplication
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from services.readside.adapters import audit
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.rebuild import rebuild
from services.readside.adapters.replay import CaseReplayer
from services.readside.tests.casefeed import NOW, feed
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


def _timed(fn: Any, repeat: int = 7) -> float:
    """Median wall time in ms."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def replay_figures(url: str) -> dict[str, float]:
    app = build_application(CasesSettings(database_url=url, cache_size=1))
    case_id = long_case(app)
    replayer = CaseReplayer(app)
    no_snapshots = Repository(event_store=app.repository.event_store, snapshot_store=None)
    latest = replayer.latest_version(case_id)
    middle = app.repository.get(case_id, version=LONG_CASE // 2 + 7).modified_on
    figures = {
        "events": float(latest),
        "snapshot_ms": _timed(lambda: replayer.state(case_id, str(latest))),
        "snapshot_mid_ms": _timed(lambda: replayer.state(case_id, str(LONG_CASE // 2 + 7))),
        "as_of_time_ms": _timed(lambda: replayer.state(case_id, middle.isoformat())),
        "full_ms": _timed(lambda: no_snapshots.get(case_id, version=latest), repeat=3),
    }
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


def read_rates(db: Database, cases_app: CasesApplication) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    n = 0
    with db.read() as tx:
        after = 0
        while rows := audit.rows_after(tx, after, 2000):
            for row in rows:
                json.loads(row["data"])
            n += len(rows)
            after = rows[-1]["seq"]
    audit_rate = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    m, start = 0, 1
    while notes := cases_app.recorder.select_notifications(start=start, limit=2000):
        for note in notes:
            cases_app.mapper.to_domain_event(note)
        m += len(notes)
        start = notes[-1].id + 1
    return audit_rate, m / (time.perf_counter() - t0), n


def rebuild_figures(cases_url: str, readside_url: str) -> dict[str, float]:
    app = build_application(CasesSettings(database_url=cases_url))
    busy_cases(app)
    db = Database(readside_url)
    feed(app, Ingestor(db))
    audit_rate, log_rate, events = read_rates(db, app)
    t0 = time.perf_counter()
    result = rebuild(db, 2000)
    rebuild_rate = result.events / (time.perf_counter() - t0)
    db.close()
    app.close()
    return {
        "events": float(events),
        "audit_read": audit_rate,
        "log_read": log_rate,
        "rebuild": rebuild_rate,
    }


def main() -> None:
    replay_rows, rebuild_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("sqlite", "postgres"):
            url = fresh_store(kind, Path(tmp))
            try:
                r = replay_figures(url)
            finally:
                drop_store(url)
            replay_rows.append(
                f"| {kind} | {r['events']:,.0f} | {r['full_ms']:.0f} | {r['snapshot_ms']:.1f} | "
                f"**{r['full_ms'] / r['snapshot_ms']:.0f}×** | {r['snapshot_mid_ms']:.1f} | "
                f"{r['as_of_time_ms']:.1f} |"
            )
            print(replay_rows[-1], flush=True)
            cases_url, rs_url = fresh_store(kind, Path(tmp)), fresh_store(kind, Path(tmp))
            try:
                b = rebuild_figures(cases_url, rs_url)
            finally:
                drop_store(cases_url)
                drop_store(rs_url)
            rebuild_rows.append(
                f"| {kind} | {b['events']:,.0f} | {b['audit_read']:,.0f} | {b['log_read']:,.0f} "
                f"| {b['rebuild']:,.0f} | **{b['rebuild'] / b['audit_read']:.2f}** | "
                f"**{b['rebuild'] / b['log_read']:.2f}** |"
            )
            print(rebuild_rows[-1], flush=True)
    body = "\n".join(
        [
            "## Read side: replay and rebuild (issue 5)",
            "",
            "Measured by `bench/readside_replay_rebuild.py` (2-core machine, one process).",
            "",
            f"**Replay of a {LONG_CASE:,}-event case** (`pkraft audit replay`: the case's state at "
            "a version from the cases event store, snapshots every 50 events). Baseline: the same "
            "replay with no snapshot store, folding every event, same store, same run. Goal: "
            "≤ 100 ms. Times are medians in ms.",
            "",
            "| store | events | no snapshots ms | with snapshots ms (latest) | speed-up | "
            "at mid-case version ms | `--as-of TIME` ms (bisect + replay) |",
            "|---|---|---|---|---|---|---|",
            *replay_rows,
            "",
            f"**Rebuild** of every projection ({CASES} cases, {EVENTS_PER_CASE} events each) from "
            "the audit log into new tables, then switch. Baselines in the same run: reading the "
            "same audit log raw (rows fetched and JSON-decoded, nothing written), and reading the "
            "cases service's notification log (fetched and decoded to domain events). "
            "Goal: ≥ 0.25 of raw. Rates in events/s.",
            "",
            "| store | events | raw audit-log read/s | raw cases notification-log read/s | "
            "rebuild/s | rebuild ÷ audit-log read | rebuild ÷ notification-log read |",
            "|---|---|---|---|---|---|---|",
            *rebuild_rows,
        ]
    )
    replace_section("readside-replay-rebuild", body)


if __name__ == "__main__":
    main()
