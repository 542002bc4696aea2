"""The shared subscriber: good events reach the handler, malformed ones the dead-letter topic."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from aiokafka import AIOKafkaProducer

from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import InboundEvent, encode
from shared.kafka.consumer import Delivery, MalformedEvent, dlq_topic, make_broker, subscribe
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka


async def test_malformed_messages_are_dead_lettered_and_do_not_block(
    kafka_bootstrap: str, unique: str
) -> None:
    topic = f"in-{unique}"
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    await ensure_topics(
        common.model_copy(update={"kafka_topic_partitions": 1}), [topic, dlq_topic(topic)]
    )
    seen: list[str] = []
    attempts: dict[str, int] = {}

    async def handler(event: InboundEvent, delivery: Delivery) -> None:
        attempts[event.id] = attempts.get(event.id, 0) + 1
        if event.data.get("poison"):
            raise MalformedEvent("no such thing")
        if event.data.get("flaky") and attempts[event.id] < 2:
            raise RuntimeError("a bug that goes away")
        if event.data.get("outage") and attempts[event.id] < 4:
            raise ConnectionRefusedError("database down")  # waited out, never parked
        seen.append(event.id)

    broker = make_broker(common, "test")
    subscribe(
        broker,
        common,
        topic=topic,
        group_id=f"g-{unique}",
        handler=handler,
        first_backoff=0.05,
        max_attempts=2,
    )
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()

    def good(i: int, **data: object):
        return encode(
            topic=topic,
            ce_id=f"e{i}",
            ce_type="t.v1",
            source="/test",
            subject="k",
            time=datetime.now(UTC),
            data={"i": i, **data},
        )

    r1, r3, r5, r6 = good(1), good(3, poison=True), good(5, flaky=True), good(6, outage=True)
    await producer.send_and_wait(topic, r1.value, key=b"k", headers=r1.headers)
    await producer.send_and_wait(topic, b"not json at all", key=b"k")
    await producer.send_and_wait(topic, r3.value, key=b"k", headers=r3.headers)
    await producer.send_and_wait(topic, b"{}", key=b"k", headers=[("ce_id", b"x")])
    await producer.send_and_wait(topic, r5.value, key=b"k", headers=r5.headers)
    await producer.send_and_wait(topic, r6.value, key=b"k", headers=r6.headers)
    await producer.stop()
    await broker.start()
    try:
        for _ in range(200):
            if "e6" in seen:
                break
            await asyncio.sleep(0.1)
    finally:
        await broker.stop()
    assert seen == ["e1", "e5", "e6"]
    dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=3)
    reasons = sorted(r.header("dlq_reason") for r in dead)
    assert reasons == ["malformed", "not_a_cloudevent", "not_a_cloudevent"]
    assert any(r.value == b"not json at all" for r in dead)


async def test_parked_messages_are_replayed_to_their_topic_once(
    kafka_bootstrap: str, unique: str
) -> None:
    from shared.kafka.dlq import replay_dead_letters

    topic = f"src-{unique}"
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    await ensure_topics(
        common.model_copy(update={"kafka_topic_partitions": 1}), [topic, dlq_topic(topic)]
    )
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    for i, reason in enumerate(["retries_exhausted", "malformed", "retries_exhausted"]):
        headers = [
            ("ce_id", f"e{i}".encode()),
            ("dlq_reason", reason.encode()),
            ("dlq_source", f"{topic}/0/{i}".encode()),
        ]
        await producer.send_and_wait(dlq_topic(topic), f"v{i}".encode(), key=b"k", headers=headers)
    await producer.stop()
    first = await replay_dead_letters(common, topic, reasons={"retries_exhausted"}, idle_ms=1500)
    again = await replay_dead_letters(common, topic, idle_ms=1500)
    assert first.republished == 2 and again.republished == 0
    back = await read_topic(kafka_bootstrap, topic, min_count=2)
    assert sorted(r.value for r in back) == [b"v0", b"v2"]
    assert all("dlq_reason" not in r.headers for r in back)
