"""Where a fresh read's time goes, for ``bench/readside_freshness.py``: each command's
answer and its fresh read's answer (wall clock) against the audit store's timestamps of
the same event, and the CPU time each process spent per command.

Legs (p50 over every measured command; one machine clock):

- ``stored -> answered``: the event's time in the cases store -> the command's answer;
- ``stored -> audited``: -> the read side recorded it (relay, broker, consumer, ingest);
- ``audited -> read``: -> the read API answered the read waiting for it (the ingest's
  NOTIFY, the waiting read woken, the detail read again).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime

from bench.common import percentile

Mark = tuple[str, int, float, float]  # case id, version, command answered, read answered
Audited = tuple[str, int, str, str]  # case id, version, occurred_at, recorded_at


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def legs(marks: list[Mark], audited: list[Audited]) -> dict[str, float]:
    """The p50 of each leg in ms (commands whose event is in the audit store)."""
    times = {(case_id, int(v)): (_seconds(a), _seconds(b)) for case_id, v, a, b in audited}
    out: dict[str, list[float]] = {"stored -> answered": [], "stored -> audited": []}
    out["audited -> read"] = []
    for case_id, version, answered, read in marks:
        found = times.get((case_id, version))
        if found is None:
            continue
        stored, recorded = found
        out["stored -> answered"].append(answered - stored)
        out["stored -> audited"].append(recorded - stored)
        out["audited -> read"].append(read - recorded)
    return {k: percentile(v, 50) * 1000 for k, v in out.items()}


def audited(read_url: str) -> list[Audited]:
    """The commands' events in the audit store: case, version, stored at, recorded at."""
    from shared.sqldb import Database

    db = Database(read_url)
    try:
        with db.read() as tx:
            rows = tx.all(  # the commands measured, not the cases opened before the consumer joined
                "SELECT aggregate_id, aggregate_version, occurred_at, recorded_at FROM rs_audit "
                "WHERE ce_type <> ?",
                ("dk.aarhus.pkraft.cases.case_opened.v2",),
            )
    finally:
        db.close()
    return [(str(a), int(v), str(o), str(r)) for a, v, o, r in rows]


def ingest_lags(rows: list[Audited]) -> list[float]:
    """Stored in the cases store -> recorded in the audit store (same machine clock)."""
    from datetime import datetime

    return [
        (datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds()
        for _, _, a, b in rows
    ]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its waited-for children, in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def cpu_meter(pids: Mapping[str, int]) -> Callable[[], dict[str, float]]:
    """A reading of every named process's CPU seconds (missing processes left out)."""

    def read() -> dict[str, float]:
        out = {}
        for name, pid in pids.items():
            try:
                out[name] = cpu_seconds(pid)
            except OSError:
                continue
        return out

    return read


def describe(leg_ms: dict[str, float], cpu_ms: dict[str, float]) -> str:
    parts = ", ".join(f"{k} {v:.1f}" for k, v in leg_ms.items())
    cpu = ", ".join(f"{k} {v:.2f}" for k, v in sorted(cpu_ms.items(), key=lambda kv: -kv[1]))
    return f"legs p50, ms: {parts}; CPU ms per command (median of rounds): {cpu}"
