"""Cases service write path: the HTTP command rate against the raw library and a peer app.

Per store kind, in rounds (raw, service, peer, raw, service, peer, ...):
- raw (baseline): the eventsourcing library saving one event per transaction, single
  thread (``Application.save`` after each ``note_dialogue`` on a case held in memory);
- service: ``pkraft cases api`` as its own process, driven over HTTP by 32 keep-alive
  clients, each adding dialogue notes to its own case (group commit batches them);
- peer: ``bench/peer_cases.py`` (plain FastAPI + eventsourcing: authenticate, load,
  ``note_dialogue``, save per request) under the same load, on the same store.
Each round's ratios divide figures measured seconds apart; the section quotes their
median and range, then the resident memory of every process after the load.

Run: ``.venv/bin/python -m bench.cases_commands [--seconds 4] [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench import rss
from bench.common import (
    bench_organisation,
    drop_store,
    fresh_store,
    interleave,
    load_note,
    percentile,
    ratios,
    replace_section,
    server_env,
    spread,
)
from bench.loadgen import build_post, drive
from bench.procs import spawn, stop, wait_healthy
from pkraft.broker import free_port
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from shared.auth import issue_token
from shared.config import CommonSettings

CLIENTS = 32
CPR = "0707614285"
Phase = tuple[float, list[float]]  # commands/s, latencies in s
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, thread: int | None = None) -> float:
    """User + system CPU time of a live process (``/proc/<pid>/stat``), or of one of its
    threads (the main thread, ``thread=pid``, runs the event loop)."""
    stat = Path(f"/proc/{pid}/task/{thread}/stat" if thread else f"/proc/{pid}/stat")
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _case(ref: str) -> CollaborationCase:
    return CollaborationCase.open(
        cpr=CPR,
        citizen_ref=ref,
        tilbud_id=ref,
        setting="nursing_home",
        planned_move_in=None,
        actor="bench",
    )


class Raw:
    """The baseline: one thread, one save (transaction) per event, the case in memory."""

    def __init__(self, url: str, peer_cases: int) -> None:
        self.app = build_application(CasesSettings(database_url=url))
        self.case = _case("raw")
        self.app.save(self.case)
        self.n = 0
        # The peer's cases, stored here: the peer app only adds notes.
        self.peer_ids = []
        for i in range(peer_cases):
            case = _case(f"peer-{i}")
            self.app.save(case)
            self.peer_ids.append(str(case.id))

    def phase(self, seconds: float) -> Phase:
        started = time.perf_counter()
        n0 = self.n
        while time.perf_counter() - started < seconds:
            self.case.note_dialogue(
                note_id=f"n{self.n}", kind="phone", summary="s", participants=[], actor="b"
            )
            self.app.save(self.case)
            self.n += 1
        return (self.n - n0) / (time.perf_counter() - started), []


class HttpTarget:
    """A server process taking dialogue notes at ``/cases/{id}/dialogue-notes``."""

    def __init__(self, proc: subprocess.Popen[bytes], port: int, case_ids: list[str]) -> None:
        self.proc, self.port = proc, port
        token = issue_token(CommonSettings(), "bench", ["caseworker"])
        headers = {"Authorization": f"Bearer {token}"}
        host = f"127.0.0.1:{port}"

        def maker(case_id: str) -> Callable[[int], bytes]:
            path = f"/cases/{case_id}/dialogue-notes"
            return lambda n: build_post(host, path, {"kind": "phone", "summary": f"n{n}"}, headers)

        self.makers = [maker(cid) for cid in case_ids]
        self.cpu_us: list[float] = []  # the server's CPU per command, per phase
        self.loop_us: list[float] = []  # its main thread's (the event loop's)
        self.phase(1.0)  # warm up
        self.cpu_us.clear()
        self.loop_us.clear()

    def phase(self, seconds: float) -> Phase:
        pid = self.proc.pid
        started, cpu, loop = time.perf_counter(), cpu_seconds(pid), cpu_seconds(pid, pid)
        ok, failed, lat = asyncio.run(drive(self.port, self.makers, seconds))
        elapsed = time.perf_counter() - started
        if failed:
            raise RuntimeError(f"{failed} commands failed on port {self.port}")
        self.cpu_us.append((cpu_seconds(pid) - cpu) / max(ok, 1) * 1e6)
        self.loop_us.append((cpu_seconds(pid, pid) - loop) / max(ok, 1) * 1e6)
        return ok / elapsed, lat


def _service(url: str, workers: int, log: Path) -> HttpTarget:
    port = free_port()
    tilbud = [f"bench-{port}-{i}" for i in range(CLIENTS)]
    env = server_env(
        PKRAFT_CASES_HTTP_WORKERS=str(workers),
        PKRAFT_CASES_DATABASE_URL=url,
        PKRAFT_CASES_HTTP_PORT=str(port),
        PKRAFT_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:1",
        PKRAFT_ORGANISATION_FILE=bench_organisation(tilbud),
    )
    proc = spawn(["-m", "pkraft.cli", "cases", "api"], env, log)
    wait_healthy(port, proc, log)
    if workers > 1:
        time.sleep(2.0)  # every worker up, not only the first
    token = issue_token(CommonSettings(), "bench", ["caseworker"])
    ids = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
        for t in tilbud:
            body = {"cpr": CPR, "tilbud_id": t, "setting": "nursing_home"}
            r = http.post("/cases", headers={"Authorization": f"Bearer {token}"}, json=body)
            r.raise_for_status()
            ids.append(r.json()["case_id"])
    return HttpTarget(proc, port, ids)


def _peer(url: str, case_ids: list[str], log: Path) -> HttpTarget:
    port = free_port()
    args = ["-m", "bench.peer_cases", "--url", url, "--port", str(port)]
    proc = spawn(args, server_env(), log)
    wait_healthy(port, proc, log)
    return HttpTarget(proc, port, case_ids)


def _ms(lat: list[list[float]], p: float) -> str:
    return f"{percentile([x for phase in lat for x in phase], p) * 1000:.1f}"


def measure(kind: str, workers: int, seconds: float, rounds: int, tmp: Path) -> list[str]:
    """The table row for one store and worker count, and the memory line."""
    url = fresh_store(kind, tmp)
    targets: list[HttpTarget] = []
    raws: list[Raw] = []
    try:
        raws.append(raw := Raw(url, CLIENTS))
        targets.append(_service(url, workers, tmp / f"api-{kind}-{workers}.log"))
        targets.append(_peer(url, raw.peer_ids, tmp / f"peer-{kind}-{workers}.log"))
        service, peer = targets
        r = interleave(
            [
                ("raw", lambda: raw.phase(seconds)),
                ("service", lambda: service.phase(seconds)),
                ("peer", lambda: peer.phase(seconds)),
            ],
            rounds,
        )
        mem = rss.snapshot({"cases api": service.proc.pid, "peer": peer.proc.pid})
    finally:
        stop(*(t.proc for t in targets))
        for opened in raws:  # its connections first: DROP SCHEMA would wait for them
            opened.app.close()
        drop_store(url)
    rate = {k: [x[0] for x in v] for k, v in r.items()}
    lat = {k: [x[1] for x in v] for k, v in r.items()}
    row = (
        f"| {kind} | {workers} | {ratios(rate['service'], rate['raw']).ratio()} | "
        f"{ratios(rate['service'], rate['peer']).ratio()} | "
        f"{ratios(rate['peer'], rate['raw']).ratio()} | {spread(rate['raw']).plain()} | "
        f"{spread(rate['service']).plain()} | {spread(rate['peer']).plain()} | "
        f"{_ms(lat['service'], 50)} / {_ms(lat['service'], 99)} | "
        f"{_ms(lat['peer'], 50)} / {_ms(lat['peer'], 99)} | "
        f"{spread(service.cpu_us).plain()} | {spread(service.loop_us).plain()} | "
        f"{spread(peer.cpu_us).plain()} |"
    )
    return [row, f"- {kind}, {workers} API worker(s): {rss.describe(mem)}."]


def section(seconds: float, rounds: int, rows: list[str], memory: list[str]) -> str:
    return "\n".join(
        [
            "## Cases: command rate (issues 2 and 15)",
            "",
            f"Measured by `bench/cases_commands.py`: {rounds} rounds of raw, service, peer "
            f"({seconds:.0f} s each), load generator and servers on the same 2-core machine. "
            "Raw (baseline): the eventsourcing library saving one event per transaction in a "
            "single thread, the case in memory. Service: `pkraft cases api` over HTTP, "
            f"{CLIENTS} concurrent keep-alive connections each adding dialogue notes to its "
            "own case. Peer: `bench/peer_cases.py`, a plain FastAPI + eventsourcing app "
            "(verify the bearer token and role as the service does, load the case, "
            "`note_dialogue`, save, per request; no aggregate cache) under the same load. "
            "All three on the same store with the same application class (encrypted "
            "personal fields, chained recorder). Ratios: median over the rounds of each "
            "round's ratio, the rounds' range in brackets. CPU per command: the server "
            "process's user + system time (`/proc`) over the commands it answered in a "
            "round, and its main thread's (the service's event loop, which bounds its "
            "rate; the rest is the group-commit writer, whose share per command falls as "
            "batches grow), which other processes' load changes less than the rates. Goals "
            "(issue 15, 1 worker): service ≥ 3.0× raw on PostgreSQL, ≥ 2.0× on SQLite, "
            "≥ 5× the peer.",
            "",
            "| store | API workers | service ÷ raw | service ÷ peer | peer ÷ raw | "
            "raw saves/s | service commands/s | peer commands/s | service p50 / p99 ms | "
            "peer p50 / p99 ms | service CPU per command, µs | service event loop CPU per "
            "command, µs | peer CPU per command, µs |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Resident memory after the load, MB (goal ≤ 300 per process); the load "
            "generator also held the raw baseline:",
            "",
            *memory,
            "",
            load_note() + " The API ran with `PKRAFT_LOG_LEVEL=WARNING` (no per-request log line).",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stores", default="postgres,sqlite")
    parser.add_argument("--workers", default="1", help="API worker counts, e.g. 1,2")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rows, memory = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.stores.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                row, mem = measure(kind, workers, args.seconds, args.rounds, Path(tmp))
                rows.append(row)
                memory.append(mem)
                print(row, mem, sep="\n", flush=True)
    body = section(args.seconds, args.rounds, rows, memory)
    if not args.no_write:
        replace_section("cases-commands", body)
    print(body)


if __name__ == "__main__":
    main()
