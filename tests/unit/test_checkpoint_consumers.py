"""Every consumer of a relayed topic takes a relay's signed checkpoint without parking it
as unknown: the communication and councils consumers skip it, the read side keeps it
for verify (rs_checkpoints), never as an audited event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.communication.entrypoints.handlers import when_council_event_notify_relatives
from services.councils.adapters.cases_events import electorate_fact
from services.readside.entrypoints.consumer import when_events_arrive_audit_and_project
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.errors import Delivery
from shared.sourcechain import CHECKPOINT_TYPE

CHECKPOINT = InboundEvent(
    id="checkpoint:cases:7",
    type=CHECKPOINT_TYPE,
    source="/pkraft/cases",
    subject="checkpoint:cases",
    time=datetime.now(UTC),
    data={"service": "cases", "notification_id": 7, "hash": "0" * 64, "signature": "x"},
    extensions={},
)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[Any] = []
        self.db = object()

    def when_council_event(self, *args: Any) -> None:
        self.calls.append(args)

    def ingest_many(self, items: list[Any]) -> int:
        self.calls.append(items)
        return len(items)


async def test_the_communication_consumer_skips_a_checkpoint_on_the_councils_topic() -> None:
    inbound = Recorder()
    handle = when_council_event_notify_relatives(inbound)  # type: ignore[arg-type]
    await handle(CHECKPOINT, Delivery("pkraft.councils.v1", 0, 3))
    assert inbound.calls == []


def test_the_councils_electorate_finds_no_fact_in_a_checkpoint() -> None:
    assert electorate_fact(CHECKPOINT) is None


async def test_the_read_side_keeps_a_checkpoint_for_verify_not_as_an_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from services.readside.adapters import checkpoints

    kept: list[Any] = []
    monkeypatch.setattr(checkpoints, "record", lambda db, signed: kept.append(signed))
    ingestor = Recorder()
    handle = when_events_arrive_audit_and_project(ingestor)  # type: ignore[arg-type]
    await handle([(CHECKPOINT, Delivery("pkraft.cases.v1", 0, 3))])
    assert ingestor.calls == [[]]  # nothing audited or projected, nothing parked
    assert len(kept) == 1 and CHECKPOINT.id in repr(kept[0])
