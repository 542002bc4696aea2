"""One active relay per store: a second relay process on the same store waits (log and
/readyz say so) and takes over within seconds when the first is killed with SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pkraft.broker import free_port
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from tests.kafka_helpers import read_topic
from tests.ops.containers import readyz

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def store_cases(settings: CasesSettings, first: int, count: int) -> int:
    """Open ``count`` cases with a note each; returns the events stored in all."""
    app = build_application(settings)
    try:
        for n in range(first, first + count):
            case = CollaborationCase.open(
                cpr="0707614285",
                citizen_ref=f"ref-{n}",
                tilbud_id=f"t{n}",
                setting="nursing_home",
                planned_move_in=None,
                actor="anna",
            )
            case.note_dialogue(note_id="n", kind="phone", summary="s", participants=[], actor="a")
            app.save(case)
        return int(app.recorder.max_notification_id() or 0)
    finally:
        app.close()


def spawn(settings: CasesSettings, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PKRAFT_CASES_DATABASE_URL": settings.database_url,
        "PKRAFT_CASES_TOPIC": settings.topic,
        "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": settings.common.kafka_bootstrap_servers,
        "PKRAFT_KAFKA_IDEMPOTENCE": "false",
        "PKRAFT_OPS_PORT": str(port),
        "PKRAFT_LOG_FORMAT": "json",
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "pkraft.cli", "cases", "relay"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_for(port: int, proc: subprocess.Popen[bytes], want: int, timeout: float = 30) -> dict:
    """Poll /readyz until it answers ``want``; returns its body."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the relay exited"
        status, body = readyz(port)
        if status == want and body:
            return body
        time.sleep(0.1)
    raise AssertionError(f"/readyz never answered {want}")


async def distinct_ids(bootstrap: str, topic: str, count: int) -> set[str]:
    records = await read_topic(bootstrap, topic, min_count=count, timeout=30)
    return {r.header("ce_id") for r in records}


def test_a_second_relay_waits_and_takes_over_after_kill_9(
    store_url: str, kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    topic = f"takeover-{unique}"
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap)
    settings = CasesSettings(database_url=store_url, topic=topic, common=common)
    asyncio.run(ensure_topics(common, [topic]))
    stored = store_cases(settings, 0, 5)
    ports = free_port(), free_port()
    first = spawn(settings, ports[0], tmp_path / "first.log")
    second = None
    try:
        assert wait_for(ports[0], first, 200)["checks"]["holds_store_lock"] is True
        second = spawn(settings, ports[1], tmp_path / "second.log")
        waiting = wait_for(ports[1], second, 503)
        assert waiting["checks"]["holds_store_lock"] is False
        deadline = time.monotonic() + 20
        while b"relay_waiting_for_store_lock" not in (tmp_path / "second.log").read_bytes():
            assert time.monotonic() < deadline, "the waiting relay does not say why"
            time.sleep(0.1)

        stored = store_cases(settings, 5, 5)
        published = asyncio.run(distinct_ids(kafka_bootstrap, topic, stored))
        assert len(published) == stored
        assert readyz(ports[1])[0] == 503, "still waiting while the first one runs"

        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = time.monotonic()
        assert wait_for(ports[1], second, 200, timeout=15)["checks"]["holds_store_lock"]
        took_over_in = time.monotonic() - killed_at
        assert took_over_in < 5, f"took {took_over_in:.1f} s to take over"
        assert b"relay_took_over_store_lock" in (tmp_path / "second.log").read_bytes()

        stored = store_cases(settings, 10, 5)
        records = asyncio.run(read_topic(kafka_bootstrap, topic, min_count=stored, timeout=30))
        ids = [r.header("ce_id") for r in records]
        assert len(set(ids)) == stored, "an event was lost"
        assert len(ids) == stored, "both relays published"
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
