"""A command for the group committer, its outcome, and waking those who wait for it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from shared.errors import ConflictError, DomainError, NotFoundError

Stamp = Callable[[Aggregate, "Command"], None]


@dataclass(frozen=True)
class Done:
    """A committed command: the aggregate's id and version right after it, and its result."""

    aggregate_id: UUID
    version: int
    result: Any = None


@dataclass
class Command:
    """One state change: ``create`` makes a new aggregate, ``change`` alters an existing one."""

    name: str
    aggregate_id: UUID
    expected_version: int | None = None
    create: Callable[[], Aggregate] | None = None
    change: Callable[[Any], Any] | None = None
    # What the aggregate is called in this command's error codes (``council_not_found``);
    # None: the committer's kind. A service with several aggregates names each.
    kind: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    future: Future[Done] = field(default_factory=Future)
    # Set by ``submit`` on an event loop: the loop's own future, woken once per batch.
    waiter: tuple[asyncio.AbstractEventLoop, asyncio.Future[Done]] | None = None


def outcome(future: Future[Any]) -> str:
    """``pkraft_commands_total`` outcome: ok, rejected, not_found, conflict or error."""
    exc = future.exception()
    if exc is None:
        return "ok"
    if isinstance(exc, ConflictError):
        return "conflict"
    if isinstance(exc, NotFoundError):
        return "not_found"
    return "rejected" if isinstance(exc, DomainError) else "error"


def wake_waiters(commands: list[Command]) -> None:
    """On the commands' event loop: hand each outcome to its waiting coroutine."""
    for cmd in commands:
        assert cmd.waiter is not None
        waiter = cmd.waiter[1]
        if waiter.done():  # cancelled: its client went away
            continue
        exc = cmd.future.exception()
        if exc is None:
            waiter.set_result(cmd.future.result())
        else:
            waiter.set_exception(exc)
