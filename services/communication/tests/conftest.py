"""Fixtures for the communication service: a real store (SQLite and PostgreSQL), a
settable clock, and a recording channel for tests that do not need a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from services.communication.bootstrap import CommunicationService, build
from services.communication.config import CommunicationSettings
from services.communication.domain.message import Message, PermanentFailure, TransientFailure
from services.communication.tests.builders import NOW
from shared.auth import issue_token
from shared.config import CommonSettings


def auth(role: str, sub: str = "anna") -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, [role])}"}


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@dataclass
class RecordingChannel:
    """Accepts messages, or fails the next ones as told."""

    sent: list[Message] = field(default_factory=list)
    fail_next: list[Exception] = field(default_factory=list)

    async def send(self, message: Message) -> None:
        if self.fail_next:
            raise self.fail_next.pop(0)
        self.sent.append(message)


__all__ = ["PermanentFailure", "TransientFailure"]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(store_url: str, tmp_path: Path) -> CommunicationSettings:
    return CommunicationSettings(
        database_url=store_url,
        master_key_file=str(tmp_path / "communication-master.key"),
        common=CommonSettings(),
        backoff_seconds=1,
        max_attempts=3,
        lease_seconds=30,
    )


@pytest.fixture
def service(settings: CommunicationSettings, clock: Clock) -> Iterator[CommunicationService]:
    svc = build(settings, clock=clock)
    yield svc
    svc.close()
