"""The shared subscriber: good events reach the handler, malformed ones the dead-letter topic."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError
from faststream.kafka import KafkaMessage, TestKafkaBroker
from pydantic import BaseModel

from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import InboundEvent, OutboundRecord, encode
from shared.kafka.consumer import Delivery, MalformedEvent, dlq_topic, make_broker, subscribe
from tests.integration.dlq_helpers import event as _event
from tests.integration.dlq_helpers import setup as _setup
from tests.integration.dlq_helpers import until as _until
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
        owned=False,
    )
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()

    def good(i: int, **data: object) -> OutboundRecord:
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


async def test_a_message_that_could_not_be_parked_is_delivered_again_after_restart(
    kafka_bootstrap: str, unique: str
) -> None:
    topic = f"lost-{unique}"
    common = await _setup(kafka_bootstrap, topic, _event(topic, 1), _event(topic, 2))
    attempts: list[str] = []

    async def rejects(event: InboundEvent, delivery: Delivery) -> None:
        attempts.append(event.id)
        raise MalformedEvent("no such thing")

    broker = make_broker(common, "test")
    subscribe(broker, common, topic=topic, group_id=f"g-{unique}", handler=rejects, owned=False)
    failed_publishes: list[str] = []

    async def broker_down(*args: object, **kwargs: object) -> None:
        failed_publishes.append(str(kwargs.get("topic")))
        raise KafkaConnectionError("dead-letter topic unreachable")

    broker.publish = broker_down  # type: ignore[method-assign,assignment]
    await broker.start()
    try:
        await _until(lambda: len(failed_publishes) >= 1)
    finally:
        await broker.stop()
    assert attempts[0] == "e1"

    seen: list[str] = []

    async def accepts(event: InboundEvent, delivery: Delivery) -> None:
        seen.append(event.id)

    again = make_broker(common, "test")
    subscribe(again, common, topic=topic, group_id=f"g-{unique}", handler=accepts, owned=False)
    await again.start()
    try:
        await _until(lambda: "e2" in seen)
    finally:
        await again.stop()
    assert seen == ["e1", "e2"]  # e1 was neither handled nor parked: it comes back


async def test_a_long_outage_keeps_the_member_in_its_group(
    kafka_bootstrap: str, unique: str
) -> None:
    topic = f"outage-{unique}"
    common = await _setup(kafka_bootstrap, topic, _event(topic, 1), _event(topic, 2))
    outage_ends = time.monotonic() + 7
    handled: list[str] = []

    async def needs_database(event: InboundEvent, delivery: Delivery) -> None:
        if time.monotonic() < outage_ends:
            raise ConnectionRefusedError("database down")
        handled.append(event.id)

    broker = make_broker(common, "test")
    subscribe(
        broker,
        common,
        topic=topic,
        group_id=f"g-{unique}",
        handler=needs_database,
        first_backoff=0.05,
        max_poll_interval_ms=3000,  # an outage more than twice as long
        owned=False,
    )
    await broker.start()
    try:
        await _until(lambda: "e2" in handled)
    finally:
        await broker.stop()
    # Evicted mid-wait, the member would rejoin at the committed offset and handle e1
    # again; no dead letters either: an outage is waited out.
    assert handled == ["e1", "e2"]
    assert await read_topic(kafka_bootstrap, dlq_topic(topic), timeout=3) == []


class Pool(BaseModel):
    year: int
    contact: str


async def test_wiring_with_the_test_broker_parks_the_reason_not_the_data() -> None:
    common = CommonSettings()
    broker = make_broker(common, "test")
    seen: list[int] = []

    async def handler(event: InboundEvent, delivery: Delivery) -> None:
        seen.append(Pool.model_validate(event.data).year)

    subscribe(broker, common, topic="in", group_id="g", handler=handler, owned=False)
    dead: list[dict[str, str]] = []

    @broker.subscriber("in.dlq")
    async def spy(body: Any, msg: KafkaMessage) -> None:
        dead.append(dict(msg.headers))

    async with TestKafkaBroker(broker) as test:
        for r in (
            _event("in", 1, year=2026, contact="x"),
            _event("in", 2, year="0707614285 Bodil Hansen", contact="bodil@example.dk"),
        ):
            headers = {k: v.decode() for k, v in r.headers}
            await test.publish(r.value, "in", key=r.key, headers=headers)
        await test.publish(b"not json at all", "in", key=b"k")
    assert seen == [2026]
    assert [d["dlq_reason"] for d in dead] == ["malformed", "not_a_cloudevent"]
    error = dead[0]["dlq_error"]
    assert "year: int_parsing" in error
    assert "0707614285" not in error and "Bodil" not in error and "input_value" not in error


async def test_a_message_faststream_cannot_parse_is_parked_not_retried_for_ever(
    kafka_bootstrap: str, unique: str
) -> None:
    topic = f"bytes-{unique}"
    bad = _event(topic, 1)
    bad = OutboundRecord(bad.topic, bad.key, bad.value, [*bad.headers, ("trace", b"\xff\xfe")])
    common = await _setup(kafka_bootstrap, topic, bad, _event(topic, 2))
    seen: list[str] = []

    async def handler(event: InboundEvent, delivery: Delivery) -> None:
        seen.append(event.id)

    broker = make_broker(common, "test")
    subscribe(broker, common, topic=topic, group_id=f"g-{unique}", handler=handler, owned=False)
    await broker.start()
    try:
        await _until(lambda: "e2" in seen)
    finally:
        await broker.stop()
    dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=1)
    assert [(d.header("dlq_reason"), d.header("ce_id")) for d in dead] == [("unreadable", "e1")]
    assert dead[0].header("dlq_error") == "a header is not UTF-8"
