"""Cases service write path: raw library save rate vs the HTTP command rate.

In one run, on the same store kind:
- raw: the eventsourcing library saving one event per transaction, single thread
  (``Application.save`` after each command on a case), the baseline;
- service: ``pkraft cases api`` as its own process, driven over HTTP by 32 concurrent
  clients, each adding dialogue notes to its own case (group commit batches them).

Run: ``.venv/bin/python -m bench.cases_commands [--seconds 8]``; writes docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.common import (
    bench_organisation,
    drop_store,
    fresh_store,
    percentile,
    replace_section,
)
from bench.loadgen import build_post, drive
from pkraft.broker import free_port
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from shared.auth import issue_token
from shared.config import CommonSettings

CLIENTS = 32
CPR = "0707614285"


def raw_rate(url: str, seconds: float) -> float:
    """Events saved per second, one save (transaction) per event, one thread."""
    app = build_application(CasesSettings(database_url=url))
    case = CollaborationCase.open(
        cpr=CPR,
        citizen_ref="raw",
        tilbud_id="raw",
        setting="nursing_home",
        planned_move_in=None,
        actor="bench",
    )
    app.save(case)
    n = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        case.note_dialogue(note_id=f"n{n}", kind="phone", summary="s", participants=[], actor="b")
        app.save(case)
        n += 1
    elapsed = time.perf_counter() - started
    app.close()
    return n / elapsed


async def http_rate(port: int, seconds: float) -> tuple[float, list[float]]:
    """Commands per second from CLIENTS connections, each on its own case."""
    token = issue_token(CommonSettings(), "bench", ["caseworker"])
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
        case_ids = []
        for i in range(CLIENTS):
            r = await http.post(
                "/cases",
                headers=headers,
                json={"cpr": CPR, "tilbud_id": f"bench-{port}-{i}", "setting": "nursing_home"},
            )
            r.raise_for_status()
            case_ids.append(r.json()["case_id"])
    host = f"127.0.0.1:{port}"

    def maker(case_id: str) -> Callable[[int], bytes]:
        path = f"/cases/{case_id}/dialogue-notes"
        return lambda n: build_post(host, path, {"kind": "phone", "summary": f"n{n}"}, headers)

    makers = [maker(cid) for cid in case_ids]
    await drive(port, makers, 1.0)  # warm up
    started = time.perf_counter()
    ok, failed, lat = await drive(port, makers, seconds)
    elapsed = time.perf_counter() - started
    if failed:
        raise RuntimeError(f"{failed} commands failed")
    return ok / elapsed, lat


def start_api(url: str, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PKRAFT_CASES_HTTP_WORKERS": str(workers),
        "PKRAFT_CASES_DATABASE_URL": url,
        "PKRAFT_CASES_HTTP_PORT": str(port),
        "PKRAFT_LOG_LEVEL": "WARNING",
        "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1",
        "PKRAFT_ORGANISATION_FILE": bench_organisation(f"bench-{port}-{i}" for i in range(CLIENTS)),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "pkraft.cli", "cases", "api"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("cases api did not start")


def measure(url: str, seconds: float, workers: int) -> tuple[float, list[float]]:
    port = free_port()
    proc = start_api(url, port, workers)
    try:
        time.sleep(1.0 if workers > 1 else 0)  # every worker up
        return asyncio.run(http_rate(port, seconds))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def run(seconds: float) -> str:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("postgres", "sqlite"):
            url = fresh_store(kind, Path(tmp))
            try:
                raw = raw_rate(url, seconds)
                for workers in (1, 2):
                    rate, lat = measure(url, seconds, workers)
                    rows.append(
                        f"| {kind} | {workers} | {raw:,.0f} | {rate:,.0f} | "
                        f"**{rate / raw:.2f}×** | {percentile(lat, 50) * 1000:.1f} | "
                        f"{percentile(lat, 99) * 1000:.1f} |"
                    )
                    print(rows[-1], flush=True)
            finally:
                drop_store(url)
    return "\n".join(
        [
            "## Cases: command rate (issue 2)",
            "",
            f"Measured by `bench/cases_commands.py` ({seconds:.0f} s per phase, 2-core machine, "
            "load generator and server on the same machine). Baseline: the eventsourcing "
            "library saving one event per transaction in a single thread, on the same store in "
            f"the same run. Service: `pkraft cases api` over HTTP with {CLIENTS} concurrent "
            "keep-alive connections, each adding dialogue notes to its own case; group commit "
            "on; 1 or 2 API worker processes (`PKRAFT_CASES_HTTP_WORKERS`).",
            "",
            "| store | API workers | raw library saves/s | service commands/s | ratio "
            "| p50 ms | p99 ms |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Why it scales: the library's PostgreSQL recorder takes a table lock per insert to "
            "keep notification ids in commit order, so one transaction per command caps writes "
            "at the commit latency. The service funnels commands through one writer thread per "
            "process (`shared/groupcommit.py`) that commits everything that queued up during "
            "the previous commit in one transaction, from its own aggregate cache (no read per "
            "command); a second worker process doubles the HTTP capacity and both share the "
            "store through optimistic concurrency. SQLite gains less: its raw commit is "
            "cheaper, and two processes contend for its single write lock. The API ran with "
            "`PKRAFT_LOG_LEVEL=WARNING` (no per-request log line).",
        ]
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    section = run(parser.parse_args().seconds)
    replace_section("cases-commands", section)
    print(section)
