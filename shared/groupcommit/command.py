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
    # Set by ``submit`` on an event loop: the loop's own future, woken once per batch.
    waiter: tuple[asyncio.AbstractEventLoop, asyncio.Future[Done]] | None = None
    # The outcome as the writer settled it: ``done`` or ``error``.
    settled: bool = field(default=False, init=False, repr=False)
    done: Done | None = field(default=None, init=False, repr=False)
    error: BaseException | None = field(default=None, init=False, repr=False)
    _future: Future[Done] | None = field(default=None, init=False, repr=False)

    @property
    def future(self) -> Future[Done]:
        """The outcome as a concurrent future, made when first asked for: a command
        submitted on an event loop is answered through ``waiter`` and needs none (a
        ``Future`` and its lock per command were a measurable part of a request)."""
        if self._future is None:
            future: Future[Done] = Future()
            if self.settled:
                self._deliver(future)
            self._future = future
        return self._future

    def settle(self, done: Done | None, error: BaseException | None = None) -> None:
        """Record the outcome (the writer thread, once), and hand it to ``future`` if
        someone holds it."""
        self.done, self.error, self.settled = done, error, True
        if self._future is not None:
            self._deliver(self._future)

    def _deliver(self, future: Future[Done]) -> None:
        if self.error is None:
            assert self.done is not None
            future.set_result(self.done)
        else:
            future.set_exception(self.error)


def outcome(command: Command) -> str:
    """``pkraft_commands_total`` outcome: ok, rejected, not_found, conflict or error."""
    exc = command.error
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
        if cmd.error is None:
            assert cmd.done is not None
            waiter.set_result(cmd.done)
        else:
            waiter.set_exception(cmd.error)
