"""``pkraft tail``: with ``--from-beginning`` it prints every message on the topic and
exits at the end of it (the walk-through in the README goes on after it); with
``--follow`` it keeps printing what arrives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from shared.kafka.cloudevents import encode

pytestmark = [pytest.mark.kafka]
PKRAFT = Path(sys.executable).parent / "pkraft"
N = 30  # on partitions 0-2 of 4: partition 3 stays empty


async def _topic_with_messages(bootstrap: str, topic: str, count: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=4, replication_factor=1)])
    finally:
        await admin.close()
    await _produce(bootstrap, topic, range(count))


async def _produce(bootstrap: str, topic: str, numbers: range) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for n in numbers:
            if n == 0:  # one message that is not a CloudEvent is printed too
                await producer.send_and_wait(topic, b"not json", key=b"k", partition=0)
                continue
            record = encode(
                topic=topic,
                ce_id=f"tail-{n}:1",
                ce_type="pkraft.test.Ticked.v1",
                source="/tests/tail",
                subject=f"case-{n}",
                time=datetime.now(UTC),
                data={"n": n},
            )
            await producer.send_and_wait(
                topic, record.value, key=record.key, headers=record.headers, partition=n % 3
            )
    finally:
        await producer.stop()


def _env(bootstrap: str) -> dict[str, str]:
    return dict(os.environ, PKRAFT_KAFKA_BOOTSTRAP_SERVERS=bootstrap, PYTHONUNBUFFERED="1")


async def test_tail_from_the_beginning_prints_every_message_and_exits(
    kafka_bootstrap: str, unique: str
) -> None:
    topic = f"tail.{unique}"
    await _topic_with_messages(kafka_bootstrap, topic, N)

    done = subprocess.run(
        [str(PKRAFT), "tail", topic, "--from-beginning", "--data"],
        env=_env(kafka_bootstrap),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == N, done.stdout
    assert len({line.split()[0] for line in lines}) == N  # N distinct partition/offset
    assert sum("not a CloudEvent" in line for line in lines) == 1
    assert sum("pkraft.test.Ticked.v1" in line and '"n":' in line for line in lines) == N - 1


async def test_tail_follow_keeps_printing_what_arrives(kafka_bootstrap: str, unique: str) -> None:
    topic = f"tail.{unique}"
    await _topic_with_messages(kafka_bootstrap, topic, N)
    proc = subprocess.Popen(
        [str(PKRAFT), "tail", topic, "--from-beginning", "--follow"],
        env=_env(kafka_bootstrap),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    assert proc.stdout is not None
    stdout = proc.stdout

    def read() -> None:
        for line in stdout:
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while len(lines) < N and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(lines) == N, "".join(lines)

        await _produce(kafka_bootstrap, topic, range(N, N + 1))  # after the end it reached
        deadline = time.monotonic() + 30
        while not any(f"tail-{N}:1" in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert any(f"tail-{N}:1" in line for line in lines), "".join(lines)
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=20)
    assert code == 0
