"""Handing the producer whole record batches instead of one message at a time.

``AIOKafkaProducer.send`` does per message what a batch of records shares: the metadata
wait, the size estimate, the partitioner (a pure-Python murmur2 of the key), the
accumulator's bookkeeping and a future. The relay sends hundreds of records at once, so
it fills the producer's own batch builders (``create_batch``/``send_batch``), one per
partition, and awaits one future per batch. Records land on the partition ``send`` would
choose (the producer's partitioner, over the partitions it knows, cached per key), in
the order given within each partition; a batch's future is acknowledged when the broker
acknowledged every record in it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer

from shared.kafka.cloudevents import OutboundRecord

_KEYS = 10_000  # partitions remembered per topic (keys are aggregate ids)


class BatchSender:
    """Sends records through ``producer`` in batches; answers one future per batch."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer
        self._partitions: dict[str, tuple[list[int], dict[bytes, int]]] = {}

    async def _partition_of(self, topic: str) -> tuple[list[int], dict[bytes, int]]:
        known = list(await self._producer.partitions_for(topic))  # as ``send`` lists them
        held = self._partitions.get(topic)
        if held is None or held[0] != known or len(held[1]) > _KEYS:
            held = self._partitions[topic] = (known, {})
        return held

    async def send(self, records: Sequence[OutboundRecord]) -> list[asyncio.Future[Any]]:
        """Queue ``records`` with the producer; the futures of the batches they went in."""
        producer: Any = self._producer
        partitioner = producer._partitioner  # the one ``send`` uses
        futures: list[asyncio.Future[Any]] = []
        builders: dict[tuple[str, int], Any] = {}
        topics: dict[str, tuple[list[int], dict[bytes, int]]] = {}
        for r in records:
            held = topics.get(r.topic)
            if held is None:
                held = topics[r.topic] = await self._partition_of(r.topic)
            known, by_key = held
            partition = by_key.get(r.key)
            if partition is None:
                partition = by_key[r.key] = partitioner(r.key, known, known)
            where = (r.topic, partition)
            builder = builders.get(where)
            if builder is None:
                builder = builders[where] = producer.create_batch()
            if builder.append(timestamp=None, key=r.key, value=r.value, headers=r.headers):
                continue
            # Full: send it and start the partition's next batch with this record.
            futures.append(await producer.send_batch(builder, r.topic, partition=partition))
            builder = builders[where] = producer.create_batch()
            if not builder.append(timestamp=None, key=r.key, value=r.value, headers=r.headers):
                raise ValueError(f"a record for {r.topic} does not fit in an empty batch")
        for (topic, partition), builder in builders.items():
            if builder.record_count():
                futures.append(await producer.send_batch(builder, topic, partition=partition))
        return futures
