"""Replaying dead letters: by reason, each original once, nothing sent twice."""

from __future__ import annotations

from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery, MalformedEvent, dlq_topic, make_broker, subscribe
from tests.integration.dlq_helpers import event as _event
from tests.integration.dlq_helpers import setup as _setup
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka


async def test_a_replay_by_reason_leaves_the_other_reasons_replayable_and_sends_once(
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
    back = await read_topic(kafka_bootstrap, topic, min_count=2)
    assert sorted(r.value for r in back) == [b"v0", b"v2"]
    assert all("dlq_reason" not in r.headers for r in back)
    # What the first replay left out is still there; what it sent is not sent again.
    rest = await replay_dead_letters(common, topic, idle_ms=1500)
    again = await replay_dead_letters(common, topic, idle_ms=1500)
    assert (first.by_reason, rest.by_reason, again.republished) == (
        {"retries_exhausted": 2},
        {"malformed": 1},
        0,
    )
    back = await read_topic(kafka_bootstrap, topic, min_count=3)
    assert sorted(r.value for r in back) == [b"v0", b"v1", b"v2"]


async def test_replays_send_each_original_once_and_the_dead_letters_grow_linearly(
    kafka_bootstrap: str, unique: str
) -> None:
    """3 poison messages parked by 3 consumer groups are 9 dead letters of 3 originals:
    each replay sends every original back once (not once per parked copy), and the copies
    parked again after a replay are sent once by the next replay, not multiplied."""
    from shared.kafka.dlq import replay_dead_letters

    topic = f"poison-{unique}"
    common = await _setup(kafka_bootstrap, topic, *(_event(topic, i) for i in (1, 2, 3)))

    async def rejects(event: InboundEvent, delivery: Delivery) -> None:
        raise MalformedEvent("no such thing")

    brokers = []
    for g in range(3):
        broker = make_broker(common, "test")
        subscribe(
            broker, common, topic=topic, group_id=f"g{g}-{unique}", handler=rejects, owned=False
        )
        brokers.append(broker)

    async def dead_letters(count: int) -> list[Any]:
        dead = await read_topic(kafka_bootstrap, dlq_topic(topic), min_count=count)
        assert len(dead) == count
        return dead

    try:
        for broker in brokers:
            await broker.start()
        await dead_letters(9)  # 3 originals x 3 groups
        first = await replay_dead_letters(common, topic, idle_ms=1500)
        # 9 dead letters + 9 markers + each group parks the 3 replayed originals again
        dead = await dead_letters(27)
        second = await replay_dead_letters(common, topic, idle_ms=1500)
        dead = await dead_letters(45)
    finally:
        for broker in brokers:
            await broker.stop()
    assert (first.republished, second.republished) == (3, 3)
    back = await read_topic(kafka_bootstrap, topic, min_count=9)
    assert sorted(r.header("ce_id") for r in back) == ["e1"] * 3 + ["e2"] * 3 + ["e3"] * 3
    # Every parked copy names its original, however often it came back.
    originals = {r.header("dlq_original") for r in dead if "dlq_reason" in r.headers}
    assert originals == {f"{topic}/0/{i}" for i in range(3)}
