"""The relay loop: read after the recorded position, publish, await acks, record.

Never writes to Kafka from a request: the event store is the outbox. Reading, encoding
and producing overlap (:mod:`shared.relay.pipeline`): the next batch is read and encoded
while earlier ones are in flight, and batches are retired in order, so the position
moves only past events the broker acknowledged. A crash can repeat events (same
``ce_id``) but never lose or reorder them per key.

One relay per store publishes at a time: the relay waits for the store's relay lock
(:mod:`shared.relay.lease`) before it reads, and a second one started on the same store
waits (``relay_waiting_for_store_lock``, not ready) until the first stops or dies.

A store that ends before the recorded position was restored from a backup without being
marked restored: its next events would get notification ids the relay takes as sent.
The relay then publishes nothing, says so loudly (``relay_store_behind_position``,
``halted`` for readiness) and resumes once ``pkraft store restored`` moved it back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaProducer

from shared.contracts.mapping import WireMapping
from shared.kafka.cloudevents import ContractEncoder, OutboundRecord
from shared.logging import get_logger
from shared.metrics import RELAY_LAG, RELAY_PUBLISHED
from shared.notify import Waker
from shared.relay.lease import LeaseLost, NoLease, RelayLease
from shared.relay.pipeline import Pipeline
from shared.relay.positions import PositionStore
from shared.relay.source import NotificationSource
from shared.sourcechain.checkpoint import Checkpointer

Translate = Callable[[Any], OutboundRecord | None]
log = get_logger(__name__)
LAG_EVERY = 1.0  # seconds between lag readings while events keep coming


class EventRelay:
    """Publishes a notification log to Kafka without loss."""

    def __init__(
        self,
        *,
        name: str,
        source: NotificationSource,
        positions: PositionStore,
        producer: AIOKafkaProducer,
        translate: Translate,
        waker: Waker,
        batch_size: int = 500,
        idle_wait: float = 1.0,
        checkpointer: Checkpointer | None = None,
        lease: RelayLease | None = None,
        depth: int = 4,
    ) -> None:
        self.name = name
        self._source = source
        self._positions = positions
        self._producer = producer
        self._waker = waker
        self._idle_wait = idle_wait
        self._checkpointer = checkpointer
        self._lease = lease or NoLease()
        self._pipeline = Pipeline(
            name=name,
            source=source,
            producer=producer,
            translate=translate,
            record=self._record,
            batch_size=batch_size,
            depth=depth,
        )
        self.position = 0
        self.running = False
        self.halted = False
        self.holds_lock = False
        self._producer_started = False

    async def _record(self, position: int, records: int) -> None:
        """Called by the pipeline once everything up to ``position`` was acknowledged."""
        await asyncio.to_thread(self._positions.set, self.name, position)
        self.position = position
        RELAY_PUBLISHED.labels(self.name).inc(records)

    async def publish_available(self) -> int:
        """Publish what is stored after the position; returns how many events it covered."""
        return await self._pipeline.publish(self.position, held=self._lease.check)

    async def lag(self) -> int:
        newest = await asyncio.to_thread(self._source.max_position)
        return max(0, newest - self.position)

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until ``stop`` is set; retries with backoff on broker or store errors.

        Waits for the store's relay lock first, and again whenever it is lost. Owns the
        producer: starts it (retrying until the broker answers) and, on stop, flushes it
        after the batches in hand were acknowledged and their position recorded.
        """
        try:
            while not stop.is_set():
                if not await self._lease.acquire(stop):
                    break
                self.holds_lock = True
                try:
                    await self._relay_while_held(stop)
                except LeaseLost:
                    log.error("relay_lost_store_lock", relay=self.name, position=self.position)
                finally:
                    self.holds_lock = self.running = False
        finally:
            await self._producer.stop()
            await self._waker.close()
            await self._lease.release()
            log.info("relay_stopped", relay=self.name, position=self.position)

    async def _relay_while_held(self, stop: asyncio.Event) -> None:
        await self._start_producer(stop)
        if stop.is_set():
            return
        self.position = await asyncio.to_thread(self._positions.get, self.name)
        log.info("relay_started", relay=self.name, position=self.position)
        self.running = True
        backoff = 0.2
        loop, lag_due, end_due = asyncio.get_running_loop(), 0.0, 0.0
        while not stop.is_set():
            try:
                published = await self.publish_available()
                backoff = 0.2
                if published and loop.time() >= lag_due:  # not per batch: a query each
                    lag_due = loop.time() + LAG_EVERY
                    RELAY_LAG.labels(self.name).set(await self.lag())
            except LeaseLost:
                raise
            except Exception as exc:  # broker down, store busy: retry from position
                log.warning("relay_retry", relay=self.name, error=type(exc).__name__)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            if self._checkpointer is not None and self._checkpointer.due():
                await self.checkpoint()
            if published and not self._pipeline.reached_end:
                continue  # more is stored: publish on
            # At the store's end: its end is read at most once a second (it tells a
            # restored store and the lag), not per wake-up, then wait for the next event
            # (a NOTIFY after every insert; the read after it covers all stored before).
            if published == 0 and loop.time() >= end_due:
                end_due = loop.time() + LAG_EVERY
                newest = await self._store_end_if_reached()
                if newest is None:
                    await asyncio.sleep(max(self._idle_wait, 1.0))
                    continue
                RELAY_LAG.labels(self.name).set(max(0, newest - self.position))
            await self._waker.wait(self._idle_wait)
        await self._drain()
        await self.checkpoint()

    async def _store_end_if_reached(self) -> int | None:
        """The store's end, read at most once a second while idle (it gives the lag
        too); None (logged loudly) while the store ends before the position: restored."""
        newest = await asyncio.to_thread(self._source.max_position)
        if self.position > newest:
            # Marked restored meanwhile? Then the recorded position moved back.
            self.position = await asyncio.to_thread(self._positions.get, self.name)
        if self.position <= newest:
            if self.halted:
                log.warning("relay_resumed", relay=self.name, position=self.position)
            self.halted = False
            return newest
        if not self.halted:
            log.error(
                "relay_store_behind_position",
                relay=self.name,
                position=self.position,
                store_end=newest,
                action="restored from a backup? run: pkraft store restored",
            )
        self.halted = True
        return None

    async def checkpoint(self) -> None:
        """Publish the signed chain head at the position (after the events it covers were
        acknowledged); a failure is logged and retried at the next interval, never lost
        events, since checkpoints are not on the no-loss path."""
        if self._checkpointer is None or self.halted or not self.holds_lock:
            return
        try:
            record = await asyncio.to_thread(self._checkpointer.record, self.position)
            if record is not None:
                await (
                    await self._producer.send(
                        record.topic, value=record.value, key=record.key, headers=record.headers
                    )
                )
                self._checkpointer.published()
        except Exception as exc:
            log.warning("relay_checkpoint_failed", relay=self.name, error=type(exc).__name__)

    async def _drain(self, timeout: float = 10.0) -> None:
        """On shutdown, publish what was stored up to now (bounded), so a graceful stop
        leaves nothing behind for the next start."""
        try:
            async with asyncio.timeout(timeout):
                while await self.publish_available():
                    pass
        except Exception as exc:  # the next start resumes from the recorded position
            log.warning("relay_drain_incomplete", relay=self.name, error=type(exc).__name__)

    async def _start_producer(self, stop: asyncio.Event) -> None:
        backoff = 0.2
        while not stop.is_set() and not self._producer_started:
            try:
                await self._producer.start()
                self._producer_started = True
                return
            except Exception as exc:
                log.warning("relay_broker_unavailable", relay=self.name, error=type(exc).__name__)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)


def event_translator(to_wire: Callable[[Any], Any], topic: str, source: str) -> Translate:
    """The relay's translation for an event-sourced service: the internal event's wire
    contract (``to_wire``; None keeps it internal) as a CloudEvent keyed by the aggregate,
    with the deterministic id of ``shared.eventid`` (the store's incarnation that wrote
    it comes as the event's ``incarnation`` attribute, see ``ApplicationLog``)."""

    encode = ContractEncoder(topic, source)
    data_of = to_wire.data if isinstance(to_wire, WireMapping) else None

    last: list[Any] = [None, ""]  # the last aggregate id and its text: a batch has runs

    def aggregate(originator_id: Any) -> str:
        if originator_id is not last[0]:
            last[:] = [originator_id, str(originator_id)]
        return str(last[1])

    def translate(event: Any) -> OutboundRecord | None:
        if data_of is not None:  # the contract's JSON data without building it
            found = data_of(event)
            if found is None:
                return None
            return encode.data(
                found.model,
                found.occurred_at,
                found.data,
                aggregate_id=aggregate(event.originator_id),
                version=int(event.originator_version),
                incarnation=int(getattr(event, "incarnation", 0)),
                envelope=getattr(event, "envelope", None),
            )
        contract = to_wire(event)
        if contract is None:
            return None
        return encode(
            contract,
            aggregate_id=str(event.originator_id),
            version=int(event.originator_version),
            incarnation=int(getattr(event, "incarnation", 0)),
            envelope=getattr(event, "envelope", None),
        )

    return translate
