"""The group committer: a queue of commands and the one writer thread that drains it,
a batch per transaction (see :mod:`shared.groupcommit`)."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from concurrent.futures import Future
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from shared.correlation import correlation_id
from shared.groupcommit.batch import BatchWriter
from shared.groupcommit.command import Command, Done, Stamp, outcome, wake_waiters
from shared.logging import get_logger
from shared.metrics import COMMANDS

log = get_logger(__name__)


class GroupCommitter(BatchWriter):
    """Runs commands on a single writer thread, committing each batch in one transaction."""

    def __init__(
        self,
        app: Application[UUID],
        *,
        max_batch: int = 64,
        stamp: Stamp | None = None,
        kind: str = "aggregate",
        cache_size: int = 10_000,
    ) -> None:
        super().__init__(app, stamp=stamp, kind=kind, cache_size=cache_size)
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[Command | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name="group-commit", daemon=True)
        self._counted: dict[tuple[str, str], Any] = {}  # pkraft_commands_total children

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Finish the commands already queued, then stop."""
        self._queue.put(None)
        self._thread.join(timeout=30)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    async def run(self, command: Command) -> Done:
        """Submit ``command`` from an event loop, carrying the request's correlation id to
        its events, and await its outcome."""
        command.metadata["correlation_id"] = correlation_id.get() or ""
        return await asyncio.wrap_future(self.submit(command))

    def submit(self, command: Command) -> asyncio.Future[Done] | Future[Done]:
        """Queue ``command``; its outcome comes as a future of the calling thread's event
        loop when it has one (the writer wakes each loop once per batch, not once per
        command), else as ``command.future``."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            future = command.future  # made before the writer can settle the command
            self._queue.put(command)
            return future
        waiter: asyncio.Future[Done] = loop.create_future()
        command.waiter = (loop, waiter)
        self._queue.put(command)
        return waiter

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stopping = False
            while len(batch) < self._max_batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stopping = True
                    break
                batch.append(nxt)
            try:
                self._run_batch(batch)
            except Exception as exc:  # never let the writer thread die
                log.exception("group_commit_failed", size=len(batch))
                self._cache.clear()  # it may hold this batch's unsaved changes
                for cmd in batch:
                    if not cmd.settled:
                        self._fail(cmd, exc)
                self._announce()
            if stopping:
                return

    def _announce(self) -> None:
        """Count the settled commands and wake each waiting event loop once."""
        settled, self._settled = self._settled, []
        wake: dict[asyncio.AbstractEventLoop, list[Command]] = {}
        for cmd in settled:
            key = (cmd.name, outcome(cmd))
            child = self._counted.get(key)
            if child is None:
                child = self._counted[key] = COMMANDS.labels(*key)
            child.inc()
            if cmd.waiter is not None:
                wake.setdefault(cmd.waiter[0], []).append(cmd)
        for loop, commands in wake.items():
            # RuntimeError: the loop closed, so nobody waits any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(wake_waiters, commands)

    def _run_batch(self, batch: list[Command]) -> None:
        try:
            self._commit_batch(batch)
        finally:
            self._announce()
