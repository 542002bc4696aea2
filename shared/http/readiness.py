"""Readiness of an event-sourced service: its store, its command writer, the broker."""

from __future__ import annotations

import asyncio
from typing import Any

from eventsourcing.application import Application

from shared.config import CommonSettings
from shared.groupcommit import GroupCommitter
from shared.http.app import ReadinessCheck
from shared.kafka.clients import broker_reachable


def event_store_readiness(
    app: Application[Any], committer: GroupCommitter, common: CommonSettings, *, broker: bool
) -> ReadinessCheck:
    """A /readyz check: the event store answers and the writer runs; the broker only when
    this process relays or consumes (``broker``). Commands need no broker (the store is
    the outbox), so an API alone stays ready through a broker outage."""

    async def readiness() -> dict[str, bool]:
        try:
            await asyncio.to_thread(app.recorder.max_notification_id)
            database = True
        except Exception:
            database = False
        checks = {"database": database, "command_writer": committer.alive}
        if broker:
            checks["broker"] = await broker_reachable(common)
        return checks

    return readiness
