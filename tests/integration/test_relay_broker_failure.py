"""A broker that fails mid-pipeline: the relay's position stays at the last event the
broker acknowledged, and after a restart nothing is lost or reordered per key.

The relay reaches a real broker (Tansu) through a TCP proxy that the test cuts while
batches are in flight; Tansu advertises the proxy's address, so every connection of the
relay goes through it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pkraft.broker import free_port, port_open, tansu_path
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from services.cases.tests.integration.test_relay import check_order
from shared.config import CommonSettings
from shared.eventstore import StoreUrl
from shared.kafka.clients import ensure_topics
from shared.relay.positions import open_positions
from tests.kafka_helpers import read_topic

pytestmark = [pytest.mark.kafka, pytest.mark.slow]
CASES, PER_CASE = 60, 50


class Proxy:
    """Forwards 127.0.0.1:port to the broker, slowly (so batches pile up in flight);
    ``cut`` drops every connection and refuses new ones until ``open`` again."""

    def __init__(self, port: int, target: int, delay: float) -> None:
        self.port, self.target, self.delay = port, target, delay
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def open(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._writers:
            writer.transport.abort()
        self._writers.clear()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        self._writers += [writer, up_writer]

        async def pipe(r: asyncio.StreamReader, w: asyncio.StreamWriter, delay: float) -> None:
            with contextlib.suppress(Exception):
                while data := await r.read(65536):
                    await asyncio.sleep(delay)
                    w.write(data)
                    await w.drain()
            w.transport.abort()

        await asyncio.gather(pipe(reader, up_writer, self.delay), pipe(up_reader, writer, 0))


@contextlib.asynccontextmanager
async def broker_behind_proxy() -> AsyncIterator[tuple[Proxy, str]]:
    real, front = free_port(), free_port()
    tansu = subprocess.Popen(
        [
            str(tansu_path()),
            "broker",
            "--listener-url",
            f"tcp://127.0.0.1:{real}",
            "--advertised-listener-url",
            f"tcp://127.0.0.1:{front}",
            "--storage-engine",
            "memory://tansu/",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with asyncio.timeout(15):
            while not port_open("127.0.0.1", real):
                await asyncio.sleep(0.05)
        proxy = Proxy(front, real, delay=0.01)
        await proxy.open()
        yield proxy, f"127.0.0.1:{front}"
    finally:
        tansu.kill()
        tansu.wait()


def store_backlog(settings: CasesSettings) -> int:
    app = build_application(settings)
    try:
        for c in range(CASES):
            case = CollaborationCase.open(
                cpr="0707614285",
                citizen_ref=f"r{c}",
                tilbud_id=f"t{c}",
                setting="nursing_home",
                planned_move_in=None,
                actor="anna",
            )
            for n in range(PER_CASE - 1):
                case.note_dialogue(
                    note_id=f"n{n}", kind="phone", summary="s", participants=[], actor="a"
                )
            app.save(case)
        return int(app.recorder.max_notification_id() or 0)
    finally:
        app.close()


def ids_up_to(settings: CasesSettings, position: int) -> set[str]:
    """The ce_ids of the events up to ``position`` in the store."""
    app = build_application(settings)
    try:
        found = app.recorder.select_notifications(start=1, limit=max(position, 1))
        return {f"{n.originator_id}:{n.originator_version}" for n in found if n.id <= position}
    finally:
        app.close()


def spawn(settings: CasesSettings, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PKRAFT_CASES_DATABASE_URL": settings.database_url,
        "PKRAFT_CASES_TOPIC": settings.topic,
        "PKRAFT_CASES_RELAY_BATCH_SIZE": "50",
        "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": settings.common.kafka_bootstrap_servers,
        "PKRAFT_KAFKA_IDEMPOTENCE": "false",
        "PKRAFT_LOG_FORMAT": "json",
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "pkraft.cli", "cases", "relay"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


async def test_a_broker_failing_mid_pipeline_loses_and_reorders_nothing(
    store_url: str, unique: str, tmp_path: Path
) -> None:
    async with broker_behind_proxy() as (proxy, bootstrap):
        topic = f"failing-{unique}"
        common = CommonSettings(kafka_bootstrap_servers=bootstrap)
        settings = CasesSettings(database_url=store_url, topic=topic, common=common)
        await ensure_topics(common, [topic])
        stored = await asyncio.to_thread(store_backlog, settings)
        positions = open_positions(StoreUrl.parse(store_url))
        name, log = f"cases->{topic}", tmp_path / "relay.log"
        relay = spawn(settings, log)
        try:
            async with asyncio.timeout(60):  # some batches acknowledged, more in flight
                while (await asyncio.to_thread(positions.get, name)) == 0:
                    await asyncio.sleep(0.02)
            await proxy.cut()
            async with asyncio.timeout(60):  # the relay saw the failure and retries
                while b"relay_retry" not in log.read_bytes():
                    await asyncio.sleep(0.1)
            position = await asyncio.to_thread(positions.get, name)
            assert 0 < position < stored, "the broker failed mid-pipeline"
            relay.send_signal(signal.SIGKILL)
            relay.wait()

            await proxy.open()
            before = await read_topic(bootstrap, topic, min_count=position)
            on_topic = {r.header("ce_id") for r in before}
            missing = ids_up_to(settings, position) - on_topic
            assert not missing, f"{len(missing)} events up to the position never acknowledged"

            relay = spawn(settings, log)  # restart: from the recorded position
            async with asyncio.timeout(90):
                while (await asyncio.to_thread(positions.get, name)) < stored:
                    await asyncio.sleep(0.1)
            records = await read_topic(bootstrap, topic, min_count=stored)
        finally:
            if relay.poll() is None:
                relay.kill()
                relay.wait()
            positions.close()
    duplicates = check_order(records, {k: PER_CASE for k in {r.key.decode() for r in records}})
    assert len(records) - duplicates == stored
