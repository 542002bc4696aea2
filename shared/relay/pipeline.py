"""Reading, encoding and producing overlapped, acknowledged in order.

While batch n is in flight (handed to the producer as record batches, acks pending),
batch n+1 is read from the store and encoded in a worker thread, and sent as soon as it
is there; up to
``depth`` batches are in flight at once. Batches are retired oldest first: the position
is recorded only after a batch and every batch before it were acknowledged. On any
failure nothing more is sent, every batch in flight is allowed to settle (acknowledged
or failed, bounded by the producer's request timeout), and the error is raised: the
caller retries from the recorded position, so what follows the failure is sent again in
order, after anything still in flight from before.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaProducer

from shared.kafka.batches import BatchSender
from shared.kafka.cloudevents import OutboundRecord

Translate = Callable[[Any], OutboundRecord | None]
Record = Callable[[int, int], Awaitable[None]]  # (position, records) once acknowledged


@dataclass
class _InFlight:
    last: int  # notification id of the batch's last event
    events: int
    records: int
    futures: list[asyncio.Future[Any]]  # one per producer batch (shared.kafka.batches)
    acks: asyncio.Future[Any]  # all of them


def _acknowledged(fut: asyncio.Future[Any]) -> bool:
    return fut.done() and not fut.cancelled() and fut.exception() is None


class Pipeline:
    """Publishes everything after a position, overlapping read, encode and produce."""

    def __init__(
        self,
        *,
        name: str,
        source: Any,
        producer: AIOKafkaProducer,
        translate: Translate,
        record: Record,
        batch_size: int,
        depth: int,
    ) -> None:
        self._name = name
        self._source = source
        self._sender = BatchSender(producer)
        self._translate = translate
        self._record = record
        self._batch_size = batch_size
        self._depth = max(1, depth)
        # Whether the last :meth:`publish` read to the store's end (its last read found
        # nothing more): its caller can wait for the next event instead of reading again.
        self.reached_end = False

    def _read(self, after: int) -> tuple[int, int, list[OutboundRecord]]:
        """(last position, events, records) of the next batch; encoded off the loop."""
        batch = self._source.read(after, self._batch_size)
        if not batch:
            return after, 0, []
        records = [r for _, event in batch if (r := self._translate(event)) is not None]
        return int(batch[-1][0]), len(batch), records

    async def _send(self, last: int, events: int, records: list[OutboundRecord]) -> _InFlight:
        futures = await self._sender.send(records)
        return _InFlight(last, events, len(records), futures, asyncio.gather(*futures))

    async def publish(
        self,
        position: int,
        max_batches: int = 40,
        held: Callable[[], Awaitable[None]] | None = None,
    ) -> int:
        """Publish what is stored after ``position`` (at most ``max_batches`` batches, so
        the caller gets to its checkpoints and lock checks under a steady stream);
        returns the events covered, all acknowledged and recorded. Raises on the first
        failure, after settling. ``held`` (the relay's lease check) is awaited while the
        first batch is read, and raises before anything is sent when the lease is lost."""
        covered = 0
        self.reached_end = False
        inflight: deque[_InFlight] = deque()
        reading = asyncio.create_task(asyncio.to_thread(self._read, position))
        try:
            if held is not None:
                await held()
            for left in range(max_batches - 1, -1, -1):
                last, events, records = await reading
                if events and left:  # read the next batch while this one goes out
                    reading = asyncio.create_task(asyncio.to_thread(self._read, last))
                if events:
                    inflight.append(await self._send(last, events, records))
                else:
                    left, self.reached_end = 0, True
                while inflight and (
                    not left or len(inflight) >= self._depth or inflight[0].acks.done()
                ):
                    covered += await self._retire(inflight)
                if not left:
                    break
            return covered
        except BaseException:
            if not reading.done():
                reading.cancel()
            elif not reading.cancelled():
                reading.exception()  # retrieved: the error raised is the first one
            await _settle(inflight)
            raise

    async def _retire(self, inflight: deque[_InFlight]) -> int:
        """Await the oldest batch, then take every acknowledged batch after it; record
        the position once, past the last of them."""
        await inflight[0].acks
        done = [inflight.popleft()]
        while inflight and _acknowledged(inflight[0].acks):
            done.append(inflight.popleft())
        await self._record(done[-1].last, sum(d.records for d in done))
        return sum(d.events for d in done)


async def _settle(inflight: deque[_InFlight]) -> None:
    """Let every batch in flight end (acknowledged or failed) before anything is sent
    again, so a retry never overtakes an older send of the same key."""
    pending = [f for sent in inflight for f in sent.futures]
    if pending:
        await asyncio.wait(pending)  # never cancels them
    for sent in inflight:  # their errors are the caller's one error, already raised
        if sent.acks.done():
            with contextlib.suppress(asyncio.CancelledError):
                sent.acks.exception()
