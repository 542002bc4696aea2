"""The read side's consumer loop: aiokafka ``getmany`` batches, one transaction each.

Why not the shared FastStream subscriber: it handles one message at a time (a thread
hop, a transaction and an offset commit per event), so at a few hundred events/s on a
small machine the projections fall behind. This loop keeps the shared dead-letter rules:
not a CloudEvent -> ``<topic>.dlq`` (``not_a_cloudevent``); rejected by its contract ->
``malformed``; any other error -> the batch is retried event by event with backoff and an
event that keeps failing is dead-lettered (``retries_exhausted``). Offsets are committed
after the batch's transaction (at-least-once; repeats are recognised by ``ce_id``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from pydantic import ValidationError

from services.readside.adapters.ingest import Delivered, Ingestor, delivered
from services.readside.domain.envelope import envelope_of
from shared.config import CommonSettings
from shared.http.metrics import CONSUMER_LAG, DEAD_LETTERS
from shared.kafka.clients import make_producer
from shared.kafka.cloudevents import decode
from shared.kafka.consumer import MalformedEvent, dlq_topic
from shared.logging import get_logger

log = get_logger(__name__)


class BatchConsumer:
    """Consumes ``topics`` into the ingestor until stopped."""

    def __init__(
        self,
        common: CommonSettings,
        *,
        topics: list[str],
        group_id: str,
        ingestor: Ingestor,
        fetch_max_wait_ms: int = 10,
        max_records: int = 500,
        max_attempts: int = 5,
        first_backoff: float = 0.2,
    ) -> None:
        self.common, self.topics, self.group_id = common, topics, group_id
        self.ingestor = ingestor
        self.max_attempts, self.first_backoff = max_attempts, first_backoff
        self.max_records = max_records
        self.consumer = AIOKafkaConsumer(
            *topics,
            bootstrap_servers=common.kafka_bootstrap_servers,
            group_id=group_id,
            client_id="pkraft-readside",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=common.kafka_session_timeout_ms,
            heartbeat_interval_ms=common.kafka_heartbeat_interval_ms,
            fetch_max_wait_ms=fetch_max_wait_ms,
        )
        self.producer: AIOKafkaProducer = make_producer(common, client_id="pkraft-readside-dlq")

    async def start(self) -> None:
        await self.producer.start()
        await self.consumer.start()

    def assigned(self) -> bool:
        """True when this instance holds at least one partition."""
        return bool(self.consumer.assignment())

    async def stop(self) -> None:
        await self.consumer.stop()
        await self.producer.stop()

    async def dead_letter(self, msg: Any, reason: str, error: str) -> None:
        headers = list(msg.headers or [])
        headers += [
            (k, v.encode())
            for k, v in {
                "dlq_reason": reason,
                "dlq_error": error[:500],
                "dlq_source": f"{msg.topic}/{msg.partition}/{msg.offset}",
                "dlq_group": self.group_id,
            }.items()
        ]
        await self.producer.send_and_wait(
            dlq_topic(msg.topic), msg.value or b"", key=msg.key, headers=headers
        )
        DEAD_LETTERS.labels(msg.topic).inc()
        log.warning("dead_lettered", topic=msg.topic, offset=msg.offset, reason=reason)

    async def _parse(self, msg: Any) -> Delivered | None:
        try:
            event = decode(msg.key, msg.value or b"", list(msg.headers or []))
        except ValueError as exc:
            await self.dead_letter(msg, "not_a_cloudevent", str(exc))
            return None
        env = envelope_of(
            topic=msg.topic,
            partition=msg.partition,
            offset=msg.offset,
            ce_id=event.id,
            ce_type=event.type,
            source=event.source,
            subject=event.subject,
            time=event.time,
            data=event.data,
        )
        try:
            return delivered(env, event.data)
        except (ValidationError, MalformedEvent) as exc:
            await self.dead_letter(msg, "malformed", str(exc))
            return None

    async def _one_by_one(self, items: list[tuple[Any, Delivered]]) -> None:
        for msg, item in items:
            backoff = self.first_backoff
            for attempt in range(1, self.max_attempts + 1):
                try:
                    await asyncio.to_thread(self.ingestor.ingest_many, [item])
                    break
                except Exception as exc:
                    if attempt == self.max_attempts:
                        await self.dead_letter(
                            msg, "retries_exhausted", f"{type(exc).__name__}: {exc}"
                        )
                        break
                    log.warning(
                        "handler_retry", topic=msg.topic, offset=msg.offset, attempt=attempt
                    )
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 10.0)

    async def poll_once(self, timeout_ms: int = 200) -> int:
        """Fetch, ingest and commit one batch; returns how many messages it held."""
        batch = await self.consumer.getmany(timeout_ms=timeout_ms, max_records=self.max_records)
        if not batch:
            return 0
        items: list[tuple[Any, Delivered]] = []
        for msgs in batch.values():
            for msg in msgs:
                item = await self._parse(msg)
                if item is not None:
                    items.append((msg, item))
        try:
            await asyncio.to_thread(self.ingestor.ingest_many, [i for _, i in items])
        except Exception as exc:
            log.warning("batch_retry_one_by_one", error=type(exc).__name__, size=len(items))
            await self._one_by_one(items)
        await self.consumer.commit({tp: msgs[-1].offset + 1 for tp, msgs in batch.items()})
        self._record_lag(batch)
        return sum(len(m) for m in batch.values())

    def _record_lag(self, batch: dict[TopicPartition, list[Any]]) -> None:
        for tp, msgs in batch.items():
            highwater = self.consumer.highwater(tp)
            if highwater is not None:
                CONSUMER_LAG.labels(self.group_id, tp.topic).set(
                    max(0, highwater - msgs[-1].offset - 1)
                )

    async def run(self, stop: asyncio.Event) -> None:
        """Consume until ``stop`` is set (broker errors are retried with backoff)."""
        backoff = 0.2
        while not stop.is_set():
            try:
                await self.poll_once()
                backoff = 0.2
            except Exception as exc:
                log.warning("consumer_retry", error=type(exc).__name__)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
