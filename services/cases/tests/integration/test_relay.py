"""The relay puts every stored event on the topic, in per-case order, without loss."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict

import pytest

from services.cases.application import CaseCommands
from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from tests.kafka_helpers import Record, read_topic

pytestmark = pytest.mark.kafka
CPRS = ["0707614285", "1502802222", "2912993333", "0101011234"]


def settings_for(store_url: str, bootstrap: str, topic: str) -> CasesSettings:
    common = CommonSettings(kafka_bootstrap_servers=bootstrap)
    return CasesSettings(database_url=store_url, topic=topic, common=common, relay_batch_size=50)


async def stream_commands(
    settings: CasesSettings, cases: int, notes_per_case: int, pause: float = 0.005
) -> int:
    """Open ``cases`` cases and add notes to them interleaved; returns events stored."""
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key)
    commands.committer.start()
    try:
        ids = []
        for i in range(cases):
            outcome = await commands.open(
                cpr=CPRS[i % len(CPRS)],
                tilbud_id=f"t{i}",
                setting="nursing_home",
                planned_move_in=None,
                actor="anna",
            )
            ids.append(outcome.aggregate_id)
        for n in range(notes_per_case):
            await asyncio.gather(
                *(
                    commands.note_dialogue(
                        cid,
                        note_id=f"n{n}",
                        kind="phone",
                        summary="s",
                        participants=[],
                        actor="anna",
                    )
                    for cid in ids
                )
            )
            await asyncio.sleep(pause)
        return cases * (notes_per_case + 1)
    finally:
        await asyncio.to_thread(commands.committer.stop)
        app.close()


def check_order(records: list[Record], expected_per_case: dict[str, int]) -> int:
    """Per case: first occurrences are versions 1..n in order; repeats carry the same ce_id."""
    seen: dict[str, bytes] = {}
    versions: dict[str, list[int]] = defaultdict(list)
    duplicates = 0
    for r in sorted(records, key=lambda r: (r.partition, r.offset)):
        ce_id = r.header("ce_id")
        case_id, version = ce_id.rsplit(":", 1)
        assert r.key == case_id.encode()
        if ce_id in seen:
            assert seen[ce_id] == r.value, "a repeat must be the same event"
            duplicates += 1
            continue
        seen[ce_id] = r.value
        versions[case_id].append(int(version))
    assert {c: len(v) for c, v in versions.items()} == expected_per_case
    for v in versions.values():
        assert v == list(range(1, len(v) + 1)), "per-case order broken"
    return duplicates


async def test_relay_publishes_binary_cloudevents(
    store_url: str, kafka_bootstrap: str, unique: str
) -> None:
    topic = f"cases-{unique}"
    settings = settings_for(store_url, kafka_bootstrap, topic)
    await ensure_topics(settings.common, [topic])
    stored = await stream_commands(settings, cases=3, notes_per_case=4)
    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    records = await read_topic(kafka_bootstrap, topic, min_count=stored)
    stop.set()
    await task
    app.close()
    assert len(records) == stored
    check_order(records, {k: 5 for k in {r.key.decode() for r in records if r.key}})
    first = next(r for r in records if r.header("ce_type").endswith("case_opened.v2"))
    assert first.header("ce_specversion") == "1.0"
    assert first.header("ce_source") == "/pkraft/cases"
    assert first.headers["content-type"] == b"application/json"
    data = json.loads(first.value)
    assert data["tilbud_id"].startswith("t") and "cpr" not in data
    assert relay.position == stored


def _spawn_relay(settings: CasesSettings) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PKRAFT_CASES_DATABASE_URL": settings.database_url,
        "PKRAFT_CASES_TOPIC": settings.topic,
        "PKRAFT_CASES_RELAY_BATCH_SIZE": "20",
        "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": settings.common.kafka_bootstrap_servers,
        "PKRAFT_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "pkraft.cli", "cases", "relay"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
async def test_relay_survives_kill_9_without_loss(
    store_url: str, kafka_bootstrap: str, unique: str
) -> None:
    topic = f"cases-kill-{unique}"
    settings = settings_for(store_url, kafka_bootstrap, topic)
    await ensure_topics(settings.common, [topic])
    relay = _spawn_relay(settings)
    kills = 0

    async def killer() -> None:
        nonlocal relay, kills
        pace = random.Random(7)
        while True:
            await asyncio.sleep(pace.uniform(0.15, 0.6))
            relay.send_signal(signal.SIGKILL)
            relay.wait()
            kills += 1
            relay = _spawn_relay(settings)

    chaos = asyncio.create_task(killer())
    try:
        try:
            stored = await stream_commands(settings, cases=8, notes_per_case=60, pause=0.06)
        finally:
            chaos.cancel()
        # Repeats count towards the record total, so wait for every distinct ce_id.
        deadline = time.monotonic() + 60
        records = await read_topic(kafka_bootstrap, topic, min_count=stored, timeout=60)
        while len({r.header("ce_id") for r in records}) < stored and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
            records = await read_topic(kafka_bootstrap, topic, min_count=stored, timeout=10)
    finally:  # never leave a relay behind, whatever failed
        relay.send_signal(signal.SIGTERM)
        try:
            relay.wait(timeout=20)
        except subprocess.TimeoutExpired:
            relay.kill()
    assert kills >= 3
    duplicates = check_order(records, {k: 61 for k in {r.key.decode() for r in records if r.key}})
    assert len(records) - duplicates == stored
    print(f"kills={kills} stored={stored} records={len(records)} duplicates={duplicates}")


async def test_correlation_id_travels_from_request_to_event_header(
    kafka_bootstrap: str, unique: str, tmp_path: object
) -> None:
    from fastapi.testclient import TestClient

    from services.cases.entrypoints.api import create_app
    from services.cases.tests.conftest import auth
    from tests.running import running

    topic = f"cases-corr-{unique}"
    settings = settings_for(f"sqlite:///{tmp_path}/c.sqlite", kafka_bootstrap, topic)
    with running(settings), TestClient(create_app(settings)) as client:
        r = client.post(
            "/cases",
            json={"cpr": CPRS[0], "tilbud_id": "t", "setting": "home_care"},
            headers={**auth("caseworker"), "X-Correlation-ID": "req-42"},
        )
        assert r.headers["x-correlation-id"] == "req-42"
        records = await read_topic(kafka_bootstrap, topic, min_count=1)
    assert records[0].header("ce_correlationid") == "req-42"
