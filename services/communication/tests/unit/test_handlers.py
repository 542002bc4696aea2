"""Subscribers translate a message and call one application method; bad payloads are
rejected so the shared subscriber dead-letters them."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from services.communication.entrypoints.handlers import (
    when_case_event_update_projection_and_run_rules,
    when_council_event_notify_relatives,
)
from services.communication.tests.builders import CaseStream
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery, MalformedEvent

DELIVERY = Delivery("t", 0, 0)


class FakeInbound:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def when_case_event(self, ce_id: str, event: Any) -> int:
        self.calls.append(("case", ce_id, type(event).__name__))
        return 0

    def when_council_event(self, ce_id: str, name: str, data: dict[str, Any]) -> int:
        self.calls.append(("council", ce_id, name))
        return 0


def inbound_event(ce_type: str, data: dict[str, Any], ce_id: str = "x:1") -> InboundEvent:
    return InboundEvent(ce_id, ce_type, "/test", "x", None, data, {})


async def test_case_events_are_parsed_with_the_contract() -> None:
    fake = FakeInbound()
    handle = when_case_event_update_projection_and_run_rules(fake)  # type: ignore[arg-type]
    ce_id, event = CaseStream().opened()
    await handle(inbound_event(event.ce_type(), event.model_dump(mode="json"), ce_id), DELIVERY)
    await handle(inbound_event("dk.aarhus.pkraft.cases.some_future_event.v1", {}), DELIVERY)
    assert fake.calls == [("case", ce_id, "CaseOpened")]


async def test_a_case_event_missing_fields_is_malformed() -> None:
    handle = when_case_event_update_projection_and_run_rules(FakeInbound())  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        await handle(inbound_event("dk.aarhus.pkraft.cases.case_opened.v1", {"x": 1}), DELIVERY)


async def test_council_events_are_routed_by_name() -> None:
    fake = FakeInbound()
    handle = when_council_event_notify_relatives(fake)  # type: ignore[arg-type]
    await handle(inbound_event("dk.aarhus.pkraft.councils.minutes_recorded.v1", {}), DELIVERY)
    assert fake.calls == [("council", "x:1", "minutes_recorded")]
    with pytest.raises(MalformedEvent):
        await handle(inbound_event("something.else", {}), DELIVERY)
