"""The consumer process (``pkraft communication consumer``): follows the cases and
councils topics, fires due timers, and sends queued messages."""

from __future__ import annotations

import asyncio
import contextlib

from faststream.kafka import KafkaBroker

from services.communication.application.evening_follower import EveningFollower
from services.communication.application.inbound import Inbound
from services.communication.bootstrap import build, build_sender
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.handlers import (
    when_case_event_update_projection_and_run_rules,
    when_council_event_notify_relatives,
)
from shared.http.ops import consumer_checks, ops_server
from shared.kafka.clients import ensure_topics
from shared.kafka.consumer import dlq_topic, make_broker, subscribe
from shared.logging import get_logger
from shared.stopping import stop_on_signals

log = get_logger(__name__)


def topics(settings: CommunicationSettings) -> list[str]:
    inbound = [t for t in (settings.cases_topic, settings.councils_topic) if t]
    return [*inbound, *map(dlq_topic, inbound), settings.topic, dlq_topic(settings.topic)]


def build_consumer(settings: CommunicationSettings, inbound: Inbound) -> KafkaBroker:
    broker = make_broker(settings.common, client_id="pkraft-communication-consumer")
    subscribe(
        broker,
        settings.common,
        topic=settings.cases_topic,
        group_id=settings.consumer_group,
        handler=when_case_event_update_projection_and_run_rules(inbound),
    )
    subscribe(
        broker,
        settings.common,
        topic=settings.councils_topic,
        group_id=settings.consumer_group,
        handler=when_council_event_notify_relatives(inbound),
    )
    return broker


async def fire_timers(inbound: Inbound, stop: asyncio.Event, every: float = 5.0) -> None:
    """Fire due timers (theme-evening events are followed by the command that stored
    them, and at every start: ``application/evening_follower.py``)."""
    while not stop.is_set():
        try:
            await asyncio.to_thread(inbound.fire_due_timers)
        except Exception as exc:
            log.warning("timers_retry", error=type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)


async def retry_held_evenings(
    follower: EveningFollower, stop: asyncio.Event, first: float = 5.0, most: float = 300.0
) -> None:
    """Follow a theme evening held by a failed follow again without waiting for the next
    command or start: looked for every ``first`` seconds; while one stays held, tried
    again after twice the last wait, up to ``most`` (``application/evening_follower.py``)."""
    wait = first
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), wait)
        if stop.is_set():
            return
        try:
            if await asyncio.to_thread(follower.held):
                await asyncio.to_thread(follower.catch_up)  # logs and counts what failed
            held = await asyncio.to_thread(follower.held)
        except Exception as exc:
            log.warning("evening_retry_failed", error=type(exc).__name__)
            held = {"": 0}
        wait = min(wait * 2, most) if held else first


async def run_consumer(settings: CommunicationSettings) -> None:
    """Consume, fire timers and send until SIGTERM or SIGINT."""
    stop = stop_on_signals()
    service = build(settings)
    try:
        await ensure_topics(settings.common, topics(settings))
    except Exception as exc:  # the broker client retries once the broker answers
        log.warning("topic_creation_failed", error=type(exc).__name__)
    sender = build_sender(settings, service.store)
    broker = build_consumer(settings, service.inbound)
    workers = [
        asyncio.create_task(sender.run(stop, settings.sender_idle_ms / 1000)),
        asyncio.create_task(fire_timers(service.inbound, stop)),
        asyncio.create_task(retry_held_evenings(service.evenings.follower, stop)),
    ]

    async def readiness() -> dict[str, bool]:
        checks = await consumer_checks(broker, settings.common, service.staff.database_answers)
        return {
            **checks,
            "sender": not workers[0].done(),
            "timers": not workers[1].done(),
            "evening_retry": not workers[2].done(),
        }

    try:
        async with ops_server(readiness):
            await broker.start()
            log.info("communication_consumer_started")
            await stop.wait()
    finally:
        stop.set()
        await broker.stop()
        await asyncio.gather(*workers)
        service.close()
