"""kill -9 the consumer (which also sends) while it sends: every trigger gives exactly one
message, seen at a real SMTP server, and every outcome reaches the topic via the relay."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from pkraft.broker import free_port
from services.communication.adapters.mailcatcher import MailCatcher, start_catcher
from services.communication.adapters.store import SqlStore
from services.communication.bootstrap import build_relay
from services.communication.config import CommunicationSettings
from services.communication.tests.builders import DIRECTORY, CaseStream
from services.communication.tests.cases_api import contact_stub
from shared.config import CommonSettings
from shared.contracts import cases as wire
from shared.eventstore import StoreUrl
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import encode
from tests.kafka_helpers import read_topic

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]
CASES = 20


def env_for(s: CommunicationSettings, smtp_port: int, cases_api: str) -> dict[str, str]:
    return {
        **os.environ,
        "PKRAFT_COMMUNICATION_CASES_API_URL": cases_api,
        "PKRAFT_COMMUNICATION_DATABASE_URL": s.database_url,
        "PKRAFT_COMMUNICATION_CASES_TOPIC": s.cases_topic,
        "PKRAFT_COMMUNICATION_COUNCILS_TOPIC": s.councils_topic,
        "PKRAFT_COMMUNICATION_TOPIC": s.topic,
        "PKRAFT_COMMUNICATION_CONSUMER_GROUP": s.consumer_group,
        "PKRAFT_COMMUNICATION_SMTP_PORT": str(smtp_port),
        "PKRAFT_COMMUNICATION_LEASE_SECONDS": "2",
        "PKRAFT_COMMUNICATION_SENDER_IDLE_MS": "50",
        "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": s.common.kafka_bootstrap_servers,
        "PKRAFT_KAFKA_SESSION_TIMEOUT_MS": "6000",
        "PKRAFT_LOG_LEVEL": "WARNING",
    }


def spawn(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pkraft.cli", "communication", "consumer"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def case_events(stream: CaseStream) -> list[tuple[str, Any]]:
    return [
        stream.opened(),
        stream.relative("a", f"a-{stream.tilbud_id}@x.dk"),
        stream.relative("b", f"b-{stream.tilbud_id}@x.dk"),
        stream.consent("a"),
        stream.consent("b", "invite_to_meetings"),
        stream.leader(f"leader-{stream.tilbud_id}"),
        stream.level(4),
    ]


async def produce(bootstrap: str, topic: str, events: list[tuple[str, Any]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for ce_id, e in events:
            r = encode(
                topic=topic,
                ce_id=ce_id,
                ce_type=e.ce_type(),
                source=wire.SOURCE,
                subject=str(e.case_id),
                time=e.occurred_at,
                data=e.model_dump(mode="json"),
            )
            await producer.send(topic, r.value, key=r.key, headers=r.headers)
        await producer.flush()
    finally:
        await producer.stop()


def sent_count(store: SqlStore) -> Counter[str]:
    with store.db.transaction() as tx:
        return Counter(r[0] for r in tx.all("SELECT status FROM comm_messages"))


async def test_kill_minus_nine_while_sending_gives_every_message_exactly_once(
    kafka_bootstrap: str, postgres_url: str, unique: str
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    s = CommunicationSettings(
        database_url=postgres_url,
        common=common,
        cases_topic=f"cases-{unique}",
        councils_topic=f"councils-{unique}",
        topic=f"comm-{unique}",
        consumer_group=f"g-{unique}",
    )
    await ensure_topics(common, [s.cases_topic, s.councils_topic, s.topic])
    events = [e for i in range(CASES) for e in case_events(CaseStream(f"t{i}"))]
    await produce(kafka_bootstrap, s.cases_topic, events)

    catcher = MailCatcher(delay=0.03)
    smtp_port = free_port()
    controller = start_catcher("127.0.0.1", smtp_port, catcher)
    stub = contact_stub(DIRECTORY)
    env = env_for(s, smtp_port, stub.__enter__())
    expected = 2 * CASES  # welcome to relative a, level-4 alert to the leader
    kills = 0
    proc = spawn(env)
    try:
        for threshold in (5, 15, 28):
            deadline = time.monotonic() + 60
            while catcher.deliveries < threshold and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            proc = spawn(env)
        store = SqlStore(StoreUrl.parse(postgres_url))
        deadline = time.monotonic() + 90
        while sent_count(store)["sent"] < expected and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)  # anything sent twice would show up by now
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        controller.stop()
        stub.__exit__(None, None, None)

    assert sent_count(store) == Counter({"sent": expected})
    assert len(catcher.mails) == expected
    per_address = Counter(r for m in catcher.mails.values() for r in m.recipients)
    for i in range(CASES):
        assert per_address[f"a-t{i}@x.dk"] == 1
        assert per_address[f"leader-t{i}@staff.pkraft.local"] == 1
        assert per_address[f"b-t{i}@x.dk"] == 0  # no consent to messages
    # a redelivery only happens for a kill between SMTP success and recording it
    assert catcher.deliveries - expected <= kills

    relay = build_relay(s, store)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    records = await read_topic(kafka_bootstrap, s.topic, min_count=2 * expected)
    stop.set()
    await task
    store.close()
    kinds = Counter(
        r.header("ce_type").split(".")[-2] for r in {r.header("ce_id"): r for r in records}.values()
    )
    assert kinds == Counter({"message_queued": expected, "message_sent": expected})
    assert all("@" not in json.dumps(json.loads(r.value)) for r in records)  # no addresses
