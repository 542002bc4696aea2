"""Read side freshness: a command accepted by the cases API -> visible in the read API.

Every process as ``make run`` starts it, each its own OS process on this 2-core machine:
the embedded broker (Tansu), ``cases api``, ``cases relay``, ``readside consumer`` and
``readside api``. An open-loop generator sends 200 commands/s (dialogue notes spread
over 50 cases); as each command answers with its version, the generator reads the case
from the read API with ``min_version`` (the read waits server-side until the projection
has it). Freshness = answer of that read - answer of the command. Baseline, same run:
the same read of an already-projected case (no waiting), i.e. what the read alone costs.

Run: ``.venv/bin/python -m bench.readside_freshness [--seconds 3] [--rounds 4]``; writes
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from subprocess import Popen

from bench import freshness_legs, rss
from bench.common import (
    ainterleave,
    bench_organisation,
    drop_store,
    fresh_store,
    load_note,
    percentile,
    replace_section,
    server_env,
    spread,
)
from bench.loadgen import Pool, build_get, build_post
from bench.procs import spawn, stop, wait_healthy
from pkraft.broker import free_port, start_tansu
from shared.auth import issue_token
from shared.config import CommonSettings

RATE, CASES, CONNECTIONS = 200, 50, 32


async def drive(
    cases_port: int,
    read_port: int,
    seconds: float,
    rounds: int,
    meter: Callable[[], dict[str, float]],
    marks: list[freshness_legs.Mark],
) -> list[dict[str, list[float]]]:
    """Rounds of load after one set-up: each round's figures (``cpu ...``: each
    process's CPU ms per command sent); ``marks`` gets each fresh read's times."""
    worker = issue_token(CommonSettings(), "bench", ["caseworker"])
    leader = issue_token(CommonSettings(), "lead", ["leader"])
    writes, reads = Pool(cases_port, CONNECTIONS), Pool(read_port, CONNECTIONS)
    await writes.open()
    await reads.open()
    ids = []
    for i in range(CASES):
        body = {"cpr": "0707614285", "tilbud_id": f"bench-{i}", "setting": "nursing_home"}
        _, raw = await writes.send(
            build_post("b", "/cases", body, {"Authorization": f"Bearer {worker}"})
        )
        ids.append(json.loads(raw)["case_id"])
    for case_id in ids:  # the consumer has joined and caught up
        status, _ = await reads.send(build_get(f"/cases/{case_id}?min_version=1", leader))
        while status != 200:
            status, _ = await reads.send(build_get(f"/cases/{case_id}?min_version=1", leader))

    async def load() -> dict[str, list[float]]:
        out: dict[str, list[float]] = {"command": [], "fresh": [], "read": [], "behind": []}
        await writes.open()
        await reads.open()
        before = meter()
        await one_round(ids, writes, reads, worker, leader, seconds, out, marks)
        after, sent = meter(), max(1, len(out["command"]))
        for name, spent in after.items():
            out[f"cpu {name}"] = [(spent - before.get(name, spent)) / sent]
        return out

    rounds_out = await ainterleave([("round", load)], rounds)
    return rounds_out["round"]


async def one_round(
    ids: list[str],
    writes: Pool,
    reads: Pool,
    worker: str,
    leader: str,
    seconds: float,
    out: dict[str, list[float]],
    marks: list[freshness_legs.Mark],
) -> None:
    """RATE commands a second for ``seconds``; each followed by its fresh read, every
    fourth also by the baseline read (request-level interleaving of baseline and system)."""

    async def one(k: int) -> None:
        case_id = ids[k % CASES]
        body = {"kind": "phone", "summary": "s"}
        t0 = time.perf_counter()
        status, raw = await writes.send(
            build_post(
                "b", f"/cases/{case_id}/dialogue-notes", body, {"Authorization": f"Bearer {worker}"}
            )
        )
        t1 = time.perf_counter()
        if status >= 400:
            return
        version = json.loads(raw)["version"]
        status, _ = await reads.send(build_get(f"/cases/{case_id}?min_version={version}", leader))
        t2 = time.perf_counter()
        out["command"].append(t1 - t0)
        out["fresh" if status == 200 else "behind"].append(t2 - t1)
        if status == 200:
            now = time.time()
            marks.append((case_id, version, now - (t2 - t1), now))
        if k % 4 == 0:  # baseline: the same read, nothing to wait for
            t3 = time.perf_counter()
            await reads.send(build_get(f"/cases/{case_id}", leader))
            out["read"].append(time.perf_counter() - t3)

    tasks = []
    start = time.perf_counter()
    for k in range(int(RATE * seconds)):
        delay = start + k / RATE - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(k)))
    await asyncio.gather(*tasks)
    out["elapsed"] = [time.perf_counter() - start]


def _spawn_all(env: dict[str, str], tmp: Path, kind: str) -> dict[str, Popen[bytes]]:
    commands = {
        "cases api": ["cases", "api"],
        "cases relay": ["cases", "relay"],
        "read-side consumer": ["readside", "consumer"],
        "read api": ["readside", "api"],
    }
    return {
        name: spawn(["-m", "pkraft.cli", *args], env, tmp / f"{kind}-{args[0]}-{args[1]}.log")
        for name, args in commands.items()
    }


def run_store(kind: str, seconds: float, rounds: int, tmp: Path) -> tuple[str, str]:
    """The table row and the memory line of one store kind."""
    broker_port, cases_port, read_port = free_port(), free_port(), free_port()
    broker = start_tansu(broker_port)
    cases_url, read_url = fresh_store(kind, tmp), fresh_store(kind, tmp)
    topic = f"bench-cases-{os.getpid()}-{kind}"
    env = server_env(
        PKRAFT_KAFKA_BOOTSTRAP_SERVERS=f"127.0.0.1:{broker_port}",
        PKRAFT_KAFKA_SESSION_TIMEOUT_MS="6000",
        PKRAFT_CASES_DATABASE_URL=cases_url,
        PKRAFT_CASES_HTTP_PORT=str(cases_port),
        PKRAFT_CASES_TOPIC=topic,
        PKRAFT_READSIDE_DATABASE_URL=read_url,
        PKRAFT_READSIDE_HTTP_PORT=str(read_port),
        PKRAFT_READSIDE_TOPICS=json.dumps([topic]),
        PKRAFT_READSIDE_GROUP_ID=f"bench-{os.getpid()}-{kind}",
        PKRAFT_READSIDE_CASES_DATABASE_URL=cases_url,
        PKRAFT_ORGANISATION_FILE=bench_organisation(f"bench-{i}" for i in range(CASES)),
    )
    procs = _spawn_all(env, tmp, kind)
    try:
        try:
            wait_healthy(cases_port, procs["cases api"])
            wait_healthy(read_port, procs["read api"])
        except RuntimeError:
            for log in sorted(tmp.glob(f"{kind}-*.log")):
                print(f"--- {log.name}\n{log.read_text()[-2000:]}", file=sys.stderr)
            raise
        pids = {"broker": broker.pid, **{k: p.pid for k, p in procs.items()}}
        marks: list[freshness_legs.Mark] = []
        meter = freshness_legs.cpu_meter(pids)
        per_round = asyncio.run(drive(cases_port, read_port, seconds, rounds, meter, marks))
        mem = rss.snapshot(pids)
        rows = freshness_legs.audited(read_url)
        ingest = [x * 1000 for x in freshness_legs.ingest_lags(rows)]
        cpu = {
            k[4:]: statistics.median(r[k][0] for r in per_round) * 1000
            for k in per_round[0]
            if k.startswith("cpu ")
        }
        where = freshness_legs.describe(freshness_legs.legs(marks, rows), cpu)
    finally:
        stop(*procs.values(), broker)
        drop_store(cases_url)
        drop_store(read_url)
    return _row(kind, per_round, ingest), f"- {kind}: {rss.describe(mem)}; {where}."


def _row(kind: str, per_round: list[dict[str, list[float]]], ingest: list[float]) -> str:
    ms = {k: [v * 1000 for r in per_round for v in r[k]] for k in per_round[0]}
    sent = len(ms["command"])
    rate = sent / (sum(ms["elapsed"]) / 1000)

    def each(key: str, p: float) -> list[float]:
        return [percentile([v * 1000 for v in r[key]], p) for r in per_round]

    fresh50, fresh99, read50 = each("fresh", 50), each("fresh", 99), each("read", 50)
    ratio = spread([f / r for f, r in zip(fresh50, read50, strict=True)])
    return (
        f"| {kind} | **{spread(fresh50).plain(1)}** | **{spread(fresh99).plain(1)}** | "
        f"{ratio.ratio(1).replace('**', '')} | {rate:.0f} | "
        f"{percentile(ms['command'], 50):.1f} / {percentile(ms['command'], 99):.1f} | "
        f"{spread(read50).plain(1)} | {percentile(ms['read'], 99):.1f} | "
        f"{percentile(ingest, 50):.1f} / {percentile(ingest, 99):.1f} | "
        f"{len(ms['behind'])} of {sent} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3, help="per round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--stores", default="postgres,sqlite")
    parser.add_argument("--rate", type=int, default=RATE)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    globals()["RATE"] = args.rate
    rows, memory = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.stores.split(","):
            row, mem = run_store(kind, args.seconds, args.rounds, Path(tmp))
            rows.append(row)
            memory.append(mem)
            print(row, mem, sep="\n", flush=True)
    body = "\n".join(
        [
            "## Read side: freshness (issues 5 and 15)",
            "",
            f"Measured by `bench/readside_freshness.py`: {args.rounds} rounds of "
            f"{args.seconds:.0f} s at {RATE} commands/s over {CASES} cases; broker, cases API, "
            "cases relay, read-side consumer, read API and the load generator are separate "
            "processes on one 2-core machine. Freshness: the command's answer -> the read "
            "API's answer to `GET /cases/{id}?min_version=<its version>` (the read waits "
            "server-side). Baseline: the same read of an already-projected case, sent after "
            "every fourth command's fresh read, so baseline and system interleave request by "
            "request. Per round p50 and p99; the table gives their median over the rounds "
            "with the range in brackets. Goal (issue 15): freshness p50 ≤ 25 ms, p99 ≤ 150 "
            "ms. Times in ms. 'Event stored -> audited' is the cases store's timestamp to the "
            "read side's (relay, broker, consumer), the part before the read API, over all "
            "rounds.",
            "",
            "| store | freshness p50 | freshness p99 | freshness p50 ÷ read p50 | "
            "commands/s reached | command p50 / p99 | read p50 (baseline) | read p99 | "
            "event stored -> audited p50 / p99 | reads that gave up (503) |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Resident memory after the load, MB (goal ≤ 300 per process); where a fresh "
            "read's time goes (`bench/freshness_legs.py`) and each process's CPU time per "
            "command:",
            "",
            *memory,
            "",
            load_note(),
        ]
    )
    if not args.no_write:
        replace_section("readside-freshness", body)
    print(body)


if __name__ == "__main__":
    main()
