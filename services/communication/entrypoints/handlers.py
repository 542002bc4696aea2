"""Subscribers: translate a message and call one application method; no rules here."""

from __future__ import annotations

import asyncio

from services.communication.adapters.case_events import UntranslatableEvent, parse
from services.communication.application.inbound import Inbound
from shared.contracts.base import CE_TYPE_PREFIX
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery, Handler, MalformedEvent
from shared.sourcechain import CHECKPOINT_TYPE


def when_case_event_update_projection_and_run_rules(inbound: Inbound) -> Handler:
    async def handle(event: InboundEvent, delivery: Delivery) -> None:
        try:
            fact = parse(event.type, event.data)  # ValidationError -> dead letter
        except UntranslatableEvent as exc:
            raise MalformedEvent(str(exc)) from exc
        if fact is None:
            return  # a newer event type: nothing to do for it (yet)
        await asyncio.to_thread(inbound.when_case_event, event.id, fact)

    return handle


def when_council_event_notify_relatives(inbound: Inbound) -> Handler:
    prefix = f"{CE_TYPE_PREFIX}.councils."

    async def handle(event: InboundEvent, delivery: Delivery) -> None:
        if event.type == CHECKPOINT_TYPE:
            return  # the relay's signed chain head: for auditors
        if not event.type.startswith(prefix):
            raise MalformedEvent(f"unexpected type {event.type} on the councils topic")
        name = event.type.removeprefix(prefix).rsplit(".", 1)[0]
        await asyncio.to_thread(inbound.when_council_event, event.id, name, event.data)

    return handle
