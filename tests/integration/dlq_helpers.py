"""Helpers of the dead-letter tests: a CloudEvent to send, a topic with its DLQ filled
with records, and waiting for a condition (a positive signal, never a fixed sleep)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer

from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import OutboundRecord, encode
from shared.kafka.consumer import dlq_topic


def event(topic: str, i: int, **data: object) -> OutboundRecord:
    return encode(
        topic=topic,
        ce_id=f"e{i}",
        ce_type="t.v1",
        source="/test",
        subject="k",
        time=datetime.now(UTC),
        data={"i": i, **data},
    )


async def setup(kafka_bootstrap: str, topic: str, *records: OutboundRecord) -> CommonSettings:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    await ensure_topics(
        common.model_copy(update={"kafka_topic_partitions": 1}), [topic, dlq_topic(topic)]
    )
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    for r in records:
        await producer.send_and_wait(topic, r.value, key=r.key, headers=r.headers)
    await producer.stop()
    return common


async def until(check: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)
