"""``pkraft tail TOPIC``: print the CloudEvents on a topic as they arrive."""

from __future__ import annotations

import asyncio
import contextlib
import json

from aiokafka import AIOKafkaConsumer

from shared.config import CommonSettings
from shared.kafka.cloudevents import decode


async def tail(topic: str, from_beginning: bool, limit: int | None, show_data: bool) -> None:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=CommonSettings().kafka_bootstrap_servers,
        auto_offset_reset="earliest" if from_beginning else "latest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen = 0
    try:
        async for msg in consumer:
            try:
                event = decode(msg.key, msg.value or b"", list(msg.headers or []))
                line = f"{msg.partition}/{msg.offset}  {event.type}  id={event.id}"
                if show_data:
                    line += "  " + json.dumps(event.data, ensure_ascii=False)
            except ValueError as exc:
                line = f"{msg.partition}/{msg.offset}  (not a CloudEvent: {exc})"
            print(line, flush=True)
            seen += 1
            if limit is not None and seen >= limit:
                return
    finally:
        await consumer.stop()


def run(topic: str, from_beginning: bool, limit: int | None, show_data: bool) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(tail(topic, from_beginning, limit, show_data))
