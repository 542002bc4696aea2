"""A batch subscriber polls again at once after a poll that found nothing (FastStream's
own would first sleep as long as the poll waited, and a record arriving meanwhile would
wait for it); what a poll finds is handed on in the order of its partitions."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from faststream.kafka import KafkaBroker

from shared.config import CommonSettings
from shared.kafka.consumer import subscribe_batch


class Polls:
    """A consumer whose polls find nothing, then two partitions' records."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.answers: list[dict[str, list[str]]] = [{}, {"p0": ["a", "b"], "p1": ["c"]}]

    async def getmany(self, timeout_ms: int, max_records: int) -> dict[str, list[str]]:
        self.calls.append((timeout_ms, max_records))
        return self.answers.pop(0)


async def test_an_empty_poll_is_followed_by_the_next_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def no_sleep(seconds: float) -> None:
        raise AssertionError(f"slept {seconds} s after an empty poll")

    monkeypatch.setattr(anyio, "sleep", no_sleep)

    async def handler(events: Any) -> None:
        return None

    broker = KafkaBroker("127.0.0.1:1")
    subscriber = subscribe_batch(
        broker,
        CommonSettings(),
        topics=["t"],
        group_id="g",
        handler=handler,
        batch_timeout_ms=40,
        max_records=7,
    )
    consumer = Polls()
    assert await subscriber.get_msg(consumer) == ()
    assert await subscriber.get_msg(consumer) == ("a", "b", "c")
    assert consumer.calls == [(40, 7), (40, 7)]
