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
            raise RuntimeError("database briefly down")
        seen.append(event.id)

    broker = make_broker(common, "test")
    subscribe(
        broker, common, topic=topic, group_id=f"g-{unique}", handler=handler, first_backoff=0.05
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

    r1, r3, r5 = good(1), good(3, poison=True), good(5, flaky=True)
    await producer.send_and_wait(topic, r1.value, key=b"k", headers=r1.headers)
    await producer.send_and_wait(topic, b"not json at all", key=b"k")
    await producer.send_and_wait(topic, r3.value, key=b"k", headers=r3.headers)
    await producer.send_and_wait(topic, b"{}", key=b"k", headers=[("ce_id", b"x")])
    await producer.send_and_wait(topic, r5.value, key=b"k", headers=r5.headers)
    await producer.stop()
    await broker.start()
    try:
        for _ in range(200):
            if "e5" in seen:
                break
            await asyncio.sleep(0.1)
    finally:
        await broker.stop()
    assert seen == ["e1", "e5"]
    dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=3)
    reasons = sorted(r.header("dlq_reason") for r in dead)
    assert reasons == ["malformed", "not_a_cloudevent", "not_a_cloudevent"]
    assert any(r.value == b"not json at all" for r in dead)
