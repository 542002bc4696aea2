"""The relay draining a backlog vs a raw aiokafka producer sending the same messages.

In one run, per store kind, on one embedded broker (Tansu):
- backlog: 20,000 cases events (dialogue notes on 200 cases) stored before anything runs;
- baseline: a plain ``AIOKafkaProducer`` (the relay's producer settings) sends the
  relay's own records for those events (read and encoded beforehand, so it does no store
  or encoding work) and awaits every acknowledgement;
- system: the cases relay (``build_relay``, defaults) drains the backlog from position 0
  until its recorded position reaches the last event.
Both include starting their producer. Rounds interleave baseline and system (each on a
topic of its own), so a loaded machine slows both; the ratio is system ÷ baseline per
round, reported as the median and range over the rounds.

Run: ``.venv/bin/python -m bench.relay_drain [--rounds 3] [--events 20000]``; writes
its section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from bench.common import drop_store, fresh_store, load_note, median, replace_section
from pkraft.broker import free_port, start_tansu
from services.cases.adapters.wire import to_wire
from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from shared.config import CommonSettings
from shared.http.serve import tune_gc
from shared.kafka.clients import ensure_topics, make_producer
from shared.kafka.cloudevents import OutboundRecord
from shared.relay.relay import event_translator
from shared.relay.source import ApplicationLog

CASES = 200
CPR = "0707614285"


def store_backlog(settings: CasesSettings, events: int) -> int:
    """Store ``events`` events (case opened + dialogue notes) on ``CASES`` cases."""
    app = build_application(settings)
    try:
        per_case = max(1, events // CASES)
        for c in range(CASES):
            case = CollaborationCase.open(
                cpr=CPR,
                citizen_ref=f"bench-{c}",
                tilbud_id=f"t{c}",
                setting="nursing_home",
                planned_move_in=None,
                actor="bench",
            )
            for n in range(per_case - 1):
                case.note_dialogue(
                    note_id=f"n{n}", kind="phone", summary="s", participants=[], actor="b"
                )
            app.save(case)
        return int(app.recorder.max_notification_id() or 0)
    finally:
        app.close()


def relay_records(settings: CasesSettings, total: int) -> list[OutboundRecord]:
    """The records the relay sends for the backlog, for the baseline to send as they are."""
    app = build_application(settings)
    try:
        translate = event_translator(to_wire, "unused", "/pkraft/cases")
        out: list[OutboundRecord] = []
        source = ApplicationLog(app)
        position = 0
        while position < total:
            batch = source.read(position, 1000)
            out += [r for _, e in batch if (r := translate(e)) is not None]
            position = batch[-1][0]
        return out
    finally:
        app.close()


async def baseline(common: CommonSettings, records: list[OutboundRecord], topic: str) -> float:
    """Seconds for a raw producer to start, send every record and have every ack."""
    await ensure_topics(common, [topic])
    started = time.perf_counter()
    producer = make_producer(common, client_id="bench-raw")
    await producer.start()
    try:
        futures = [
            await producer.send(topic, value=r.value, key=r.key, headers=r.headers) for r in records
        ]
        await asyncio.gather(*futures)
        return time.perf_counter() - started
    finally:
        await producer.stop()


async def system(settings: CasesSettings, total: int, topic: str) -> float:
    """Seconds for the relay to start and record the position of the last event."""
    settings = settings.model_copy(update={"topic": topic})
    await ensure_topics(settings.common, [topic])
    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    started = time.perf_counter()
    task = asyncio.create_task(relay.run(stop))
    try:
        while relay.position < total:  # set right after the position is recorded
            if task.done():
                raise RuntimeError("the relay stopped before draining the backlog")
            await asyncio.sleep(0.002)
        return time.perf_counter() - started
    finally:
        stop.set()
        await task
        app.close()


def run_kind(kind: str, events: int, rounds: int, bootstrap: str, tmp: Path) -> dict[str, object]:
    url = fresh_store(kind, tmp)
    common = CommonSettings(kafka_bootstrap_servers=bootstrap)
    settings = CasesSettings(database_url=url, common=common)
    try:
        total = store_backlog(settings, events)
        records = relay_records(settings, total)
        # The relay process tunes its collector once started (shared.relay.process), as
        # the APIs do; done here once for both, so the baseline runs so as well.
        tune_gc()
        ratios, raw_rates, relay_rates, cpu_ratios, relay_us = [], [], [], [], []
        for r in range(rounds):
            tag = f"{kind}-{r}-{os.getpid()}"
            cpu = time.process_time()
            raw = asyncio.run(baseline(common, records, f"bench-raw-{tag}"))
            raw_cpu, cpu = time.process_time() - cpu, time.process_time()
            relayed = asyncio.run(system(settings, total, f"bench-relay-{tag}"))
            relay_cpu = time.process_time() - cpu
            raw_rates.append(len(records) / raw)
            relay_rates.append(total / relayed)
            ratios.append(relay_rates[-1] / raw_rates[-1])
            cpu_ratios.append(raw_cpu / relay_cpu)
            relay_us.append(relay_cpu / total * 1e6)
            print(
                f"{kind} round {r + 1}: raw {raw_rates[-1]:,.0f}/s relay "
                f"{relay_rates[-1]:,.0f}/s ratio {ratios[-1]:.2f} (CPU {cpu_ratios[-1]:.2f}; "
                f"raw {raw_cpu / len(records) * 1e6:.0f}, relay {relay_us[-1]:.0f} µs a message)",
                flush=True,
            )
        return {
            "kind": kind,
            "events": total,
            "raw": median(raw_rates),
            "relay": median(relay_rates),
            "ratio": median(ratios),
            "low": min(ratios),
            "high": max(ratios),
            "cpu": median(cpu_ratios),
            "relay_us": median(relay_us),
        }
    finally:
        drop_store(url)


def report(rows: list[dict[str, object]], rounds: int) -> str:
    lines = [
        "## Relay: draining a backlog (issue 15)",
        "",
        f"Measured by `bench/relay_drain.py` ({rounds} rounds, baseline and system "
        "interleaved; embedded broker, both in one process on the same machine). Backlog: "
        "cases events stored before the relay starts. Baseline: a plain aiokafka producer "
        "(the relay's settings: acks=all, no linger) sending the relay's own records "
        "(already read and encoded) one `send` each, as an application would, and awaiting "
        "every ack. System: the cases relay (batches of 500 read with personal fields left "
        "sealed, the next batch read and encoded while up to 4 are in flight, records "
        "handed to the producer as whole record batches per partition, position recorded "
        "only after the acks) until its recorded position reaches the last event. Both "
        "include starting the producer. Goal: ratio ≥ 0.6. 'CPU' is the baseline's process "
        "CPU time ÷ the relay's for the same messages (less sensitive to the machine's load "
        "than the rates): the relay also reads, decodes, maps and encodes every event, in "
        "one Python process. 'Relay CPU' is its process CPU time per event, starting "
        "included. Both run with the collector tuned as the relay process tunes it.",
        "",
        "| store | events | raw producer (msg/s, median) | relay (events/s, median) "
        "| relay ÷ raw (median) | range | CPU raw ÷ relay (median) | relay CPU µs an event |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row['kind']} | {row['events']:,} | {row['raw']:,.0f} | {row['relay']:,.0f} "
            f"| {row['ratio']:.2f} | {row['low']:.2f}–{row['high']:.2f} | {row['cpu']:.2f} "
            f"| {row['relay_us']:.0f} |"
        )
    lines += [
        "",
        "Steps (same benchmark, 3 rounds; the machine's load varies between runs, so "
        "compare the CPU column): before, the relay read, sent and awaited each batch "
        "before reading the next: relay ÷ raw 0.32 (SQLite) and 0.23 (PostgreSQL) on a "
        "quiet machine, CPU ratio 0.27–0.32. Pipelining (next batch read and encoded while "
        "up to 4 are in flight, acks retired in order) overlaps the store's I/O with the "
        "acknowledgements but not CPU: the relay is bound by Python CPU (GIL). Encoding "
        "CloudEvents without the SDK's per-event validation took about 60 µs off each "
        "event: CPU ratio 0.28–0.36. Then (issue 15, each run at load average 8–16, "
        "before and after alternated run by run): (1) reading without decrypting: the wire "
        "carries ids and codes only, so the relay decodes events with every personal value "
        "left sealed and looks up no subject key (read and decode 35 → 18 µs an event), "
        "and the CloudEvents headers that repeat (source, type, schema) are encoded once "
        "per topic and contract class; (2) the producer's batch API: records go into the "
        "producer's own batch builders per partition (the producer's partitioner, cached "
        "per key) instead of one `send` each (per message the metadata wait, size "
        "estimate, pure-Python murmur2 hash and future). Before both, two runs: relay ÷ "
        "raw 0.45 and 0.44 (SQLite), 0.38 and 0.34 (PostgreSQL), CPU ratio 0.31–0.36; "
        "after both, two runs: 0.80 and 0.57 (SQLite), 0.89 and 0.65 (PostgreSQL), CPU "
        "ratio 0.46–0.60. (3) Mapping to the contract's JSON data without building the "
        "pydantic model (the same fields validated and dumped in pydantic-core, the code "
        "lists checked; same records) and the log read through the chained recorder's "
        "own query: read, decode, map and encode 32–40 → 26–28 µs an event on SQLite and "
        "34–37 → 25–31 µs on PostgreSQL in process; relay CPU in this benchmark 48–65 → "
        "45–47 µs an event on SQLite, on PostgreSQL no change measurable through the "
        "load (docs/benchmarks.md, Repeat runs). (4) The collector tuned once started, "
        "as the APIs do (`tune_gc`: start-up's heap frozen; full collections had walked "
        "it every few thousand events), here once for baseline and relay alike; the "
        "sealed decode without the library's generic path (per topic the class and the "
        "personal paths split once, the state parsed by pydantic-core when its "
        "timestamp is its only transcoded value) from the recorder's rows (no "
        "Notification per event): relay CPU 49–57 → 28–37 µs an event, the raw "
        "producer's 28–34 → 20–29 µs a message, CPU ratio 0.60–0.67 → 0.67–0.81 (3 "
        "alternated pairs, load 10–18). What is left per event: the sealed decode "
        "(about 4.5 µs), mapping and the record's headers and JSON (about 8 µs), and "
        "the producer's batch append, request encoding and socket writes, which the "
        "baseline pays as well.",
        "",
        load_note(),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    os.environ.setdefault("PKRAFT_LOG_LEVEL", "WARNING")
    port = free_port()
    broker = start_tansu(port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            # dev keys (the store's master key, the relay's signing key) made in tmp
            os.environ.update(PKRAFT_DEV_MODE="true", PKRAFT_VAR_DIR=tmp)
            rows = [
                run_kind(kind, args.events, args.rounds, f"127.0.0.1:{port}", Path(tmp))
                for kind in args.stores.split(",")
            ]
    finally:
        broker.terminate()
        broker.wait(timeout=10)
    body = report(rows, args.rounds)
    print(body)
    if not args.no_write:
        replace_section("relay-drain", body)


if __name__ == "__main__":
    main()
