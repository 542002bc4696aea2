"""The relay's pipeline: the next batch is read while earlier ones are in flight, and the
position moves only past batches acknowledged in order (broker faked; the real broker
cases are in tests/integration/test_relay_broker_failure.py)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from shared.kafka.cloudevents import OutboundRecord
from shared.relay.pipeline import Pipeline


class Source:
    def __init__(self, events: int) -> None:
        self.events = events
        self.reads: list[int] = []

    def read(self, after: int, limit: int) -> list[tuple[int, Any]]:
        self.reads.append(after)
        return [(n, n) for n in range(after + 1, min(self.events, after + limit) + 1)]


class Builder:
    """A producer batch that holds five records."""

    def __init__(self) -> None:
        self.values: list[bytes] = []

    def append(self, *, timestamp: Any, key: bytes, value: bytes, headers: Any) -> bool:
        if len(self.values) == 5:
            return False
        self.values.append(value)
        return True

    def record_count(self) -> int:
        return len(self.values)


class Producer:
    """Hands out one future per batch of records (``sent`` lists each record with its
    batch's future); the test decides when each batch is acked."""

    def __init__(self) -> None:
        self.sent: list[tuple[bytes, asyncio.Future[Any]]] = []
        self._partitioner = lambda key, known, available: known[0]

    async def partitions_for(self, topic: str) -> set[int]:
        return {0}

    def create_batch(self) -> Builder:
        return Builder()

    async def send_batch(self, batch: Builder, topic: str, *, partition: int) -> Any:
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.sent += [(value, fut) for value in batch.values]
        return fut

    def ack(self, values: range, error: Exception | None = None) -> None:
        for value, fut in self.sent:
            if int(value) in values and not fut.done():
                fut.set_exception(error) if error else fut.set_result(int(value))


def pipeline(source: Source, producer: Producer, recorded: list[int]) -> Pipeline:
    async def record(position: int, records: int) -> None:
        recorded.append(position)

    return Pipeline(
        name="t",
        source=source,
        producer=producer,  # type: ignore[arg-type]
        translate=lambda n: OutboundRecord("t", b"k", str(n).encode(), []),
        record=record,
        batch_size=10,
        depth=3,
    )


async def until(condition: Any) -> None:
    async with asyncio.timeout(5):
        while not condition():
            await asyncio.sleep(0)


async def test_batches_are_read_ahead_and_acknowledged_in_order() -> None:
    source, producer, recorded = Source(30), Producer(), []
    task = asyncio.create_task(pipeline(source, producer, recorded).publish(0))
    await until(lambda: len(producer.sent) == 30)  # three batches in flight, none acked
    assert source.reads[:3] == [0, 10, 20] and recorded == []
    producer.ack(range(11, 31))  # later batches first: the position must not move
    await asyncio.sleep(0.05)
    assert recorded == []
    producer.ack(range(1, 11))
    assert await task == 30
    assert recorded[-1] == 30


async def test_a_failed_batch_keeps_the_position_at_the_last_acknowledged_one() -> None:
    source, producer, recorded = Source(50), Producer(), []
    task = asyncio.create_task(pipeline(source, producer, recorded).publish(0))
    await until(lambda: len(producer.sent) == 30)  # depth 3: waits for the first batch
    producer.ack(range(1, 11))
    await until(lambda: len(producer.sent) == 40)
    producer.ack(range(21, 41))  # batches 3 and 4 acknowledged ...
    producer.ack(range(11, 21), error=RuntimeError("broker refused"))  # ... 2 failed
    with pytest.raises(RuntimeError, match="broker refused"):
        await task
    assert recorded == [10]
    assert len(producer.sent) == 40, "nothing is sent after a failure"


async def test_a_failure_waits_for_everything_in_flight_before_raising() -> None:
    source, producer, recorded = Source(30), Producer(), []
    task = asyncio.create_task(pipeline(source, producer, recorded).publish(0))
    await until(lambda: len(producer.sent) == 30)
    producer.ack(range(1, 11), error=RuntimeError("down"))
    await asyncio.sleep(0.05)
    assert not task.done(), "a retry must not overtake sends still in flight"
    producer.ack(range(11, 31), error=RuntimeError("down"))
    with pytest.raises(RuntimeError):
        await task
    assert recorded == []


async def test_a_steady_stream_returns_to_the_caller_between_rounds() -> None:
    """The relay checks its lock and publishes checkpoints between rounds."""
    source, producer, recorded = Source(1000), Producer(), []
    task = asyncio.create_task(pipeline(source, producer, recorded).publish(0, max_batches=5))
    await until(lambda: len(producer.sent) >= 30)
    producer.ack(range(1, 1001))
    await until(lambda: len(producer.sent) == 50 or task.done())
    producer.ack(range(1, 1001))
    assert await task == 50
    assert recorded[-1] == 50 and len(producer.sent) == 50


async def test_the_lease_is_checked_during_the_first_read_and_a_lost_one_sends_nothing() -> None:
    source, producer, recorded = Source(10), Producer(), []
    checked = asyncio.Event()
    release = asyncio.Event()

    async def held() -> None:  # the lease check: its round trip overlaps the first read
        checked.set()
        await release.wait()
        raise LookupError("lease lost")

    task = asyncio.create_task(pipeline(source, producer, recorded).publish(0, held=held))
    await until(lambda: checked.is_set() and source.reads == [0])
    release.set()
    with pytest.raises(LookupError):
        await task
    assert producer.sent == [] and recorded == []


async def test_a_held_lease_lets_the_batch_go_out() -> None:
    source, producer, recorded = Source(10), Producer(), []

    async def held() -> None:
        return None

    task = asyncio.create_task(pipeline(source, producer, recorded).publish(0, held=held))
    await until(lambda: len(producer.sent) == 10)
    producer.ack(range(1, 11))
    assert await task == 10 and recorded == [10]
