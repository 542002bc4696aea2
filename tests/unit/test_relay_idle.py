"""The relay loop against a fake store and broker: what is stored while it idles goes
out on the next wake-up; a wake-up reads on from the position without an empty read or
a read of the store's end first, and the end (the lag gauge, a restored store) is read
at most once a second, not per batch or per wake-up."""

from __future__ import annotations

import asyncio
from typing import Any

from shared.kafka.cloudevents import OutboundRecord
from shared.metrics import RELAY_LAG
from shared.relay.relay import EventRelay
from tests.unit.test_relay_pipeline import Producer


class Source:
    def __init__(self, events: int) -> None:
        self.events = events
        self.ends_read = 0
        self.reads: list[int] = []

    def read(self, after: int, limit: int) -> list[tuple[int, Any]]:
        self.reads.append(after)
        return [(n, n) for n in range(after + 1, min(self.events, after + limit) + 1)]

    def max_position(self) -> int:
        self.ends_read += 1
        return self.events


class Positions:
    def __init__(self) -> None:
        self.recorded: list[int] = []

    def get(self, name: str) -> int:
        return self.recorded[-1] if self.recorded else 0

    def set(self, name: str, position: int) -> None:
        self.recorded.append(position)


class AckingProducer(Producer):
    """Acknowledges every batch as it is sent."""

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send_batch(self, batch: Any, topic: str, *, partition: int) -> Any:
        fut = await super().send_batch(batch, topic, partition=partition)
        fut.set_result(None)
        return fut


class Waker:
    """Each wake-up stores 25 more events (three batches); the third one stops the relay.
    ``published_at_wake`` holds what the broker had at each wake-up."""

    def __init__(self, source: Source, producer: AckingProducer, stop: asyncio.Event) -> None:
        self.source, self.producer, self.stop = source, producer, stop
        self.published_at_wake: list[int] = []

    async def wait(self, timeout: float) -> None:
        self.published_at_wake.append(len(self.producer.sent))
        if len(self.published_at_wake) == 3:
            self.stop.set()
        else:
            self.source.events += 25

    async def close(self) -> None:
        return None


async def test_events_stored_while_idle_go_out_at_the_next_wake_up() -> None:
    source, producer, positions, stop = Source(5), AckingProducer(), Positions(), asyncio.Event()
    waker = Waker(source, producer, stop)
    relay = EventRelay(
        name="idle-test",
        source=source,
        positions=positions,  # type: ignore[arg-type]
        producer=producer,
        translate=lambda n: OutboundRecord("t", b"k", str(n).encode(), []),
        waker=waker,
        batch_size=10,
    )
    await relay.run(stop)

    assert waker.published_at_wake == [5, 30, 55]  # everything stored before each wait
    assert [int(v) for v, _ in producer.sent] == list(range(1, 56))
    assert positions.recorded[-1] == 55
    assert RELAY_LAG.labels("idle-test")._value.get() == 0
    # The end once, for the gauge while publishing: every wake-up found events, and
    # they all came within a second.
    assert source.ends_read == 1
    # Each turn reads its batches and one read ahead that finds the end (5; 25 in 3
    # batches of 10), then waits: no second empty read after a turn. The last read is
    # the drain at stop.
    assert source.reads == [0, 5, 5, 15, 25, 30, 30, 40, 50, 55, 55]
