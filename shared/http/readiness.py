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
    app: Application[Any], committer: GroupCommitter, common: CommonSettings
) -> ReadinessCheck:
    """A /readyz check: the event store answers, the writer runs, the broker answers."""

    async def readiness() -> dict[str, bool]:
        try:
            await asyncio.to_thread(app.recorder.max_notification_id)
            database = True
        except Exception:
            database = False
        return {
            "database": database,
            "command_writer": committer.alive,
            "broker": await broker_reachable(common),
        }

    return readiness
