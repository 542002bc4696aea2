"""Group commit: concurrent commands become one event-store transaction.

The library's recorders serialise inserts (PostgreSQL takes a table lock per insert to
keep notification ids in commit order), so one transaction per command caps the write
rate at the commit latency. A single writer thread drains the queue of commands that
arrived while the previous batch committed, applies them to their aggregates in arrival
order (the same aggregate twice in a batch sees the first command's effect), and saves
every changed aggregate with one ``Application.save`` call, i.e. one transaction.

The writer keeps its own cache of the aggregates it wrote (only the writer thread
touches it, so no copies are needed: the library's repository cache would deep-copy
and re-read the store for every command); another writer (a second instance) is
detected by the store's optimistic concurrency control, which evicts the stale copy and
retries.

Commands change the cached aggregate in place. A command that fails once it started
changing an aggregate (a rule broken after an event, a bug, any exception) must leave
no trace, so the aggregate is thrown away and rebuilt: the stored state plus the events
this batch's earlier commands already added (``_discard``). Failures are rare, so the
common path copies nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, project_aggregate
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from shared.correlation import correlation_id
from shared.errors import ConflictError, DomainError, NotFoundError
from shared.logging import get_logger
from shared.metrics import COMMANDS

log = get_logger(__name__)
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


def _outcome(future: Future[Any]) -> str:
    """``pkraft_commands_total`` outcome: ok, rejected, not_found, conflict or error."""
    exc = future.exception()
    if exc is None:
        return "ok"
    if isinstance(exc, ConflictError):
        return "conflict"
    if isinstance(exc, NotFoundError):
        return "not_found"
    return "rejected" if isinstance(exc, DomainError) else "error"


def _wake(commands: list[Command]) -> None:
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


class GroupCommitter:
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
        self._app = app
        self._cache: OrderedDict[UUID, Aggregate] = OrderedDict()
        self._cache_size = cache_size
        self._max_batch = max_batch
        self._stamp = stamp
        self._kind = kind
        self._queue: queue.SimpleQueue[Command | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name="group-commit", daemon=True)
        self._settled: list[Command] = []  # this batch's finished commands, to announce
        self._counted: dict[tuple[str, str], Any] = {}  # pkraft_commands_total children
        self.batches = 0  # transactions committed (tests compare it with the commands)

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
            self._queue.put(command)
            return command.future
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
                    if not cmd.future.done():
                        self._fail(cmd, exc)
                self._announce()
            if stopping:
                return

    def _done(self, cmd: Command, done: Done) -> None:
        cmd.future.set_result(done)
        self._settled.append(cmd)

    def _fail(self, cmd: Command, exc: BaseException) -> None:
        cmd.future.set_exception(exc)
        self._settled.append(cmd)

    def _announce(self) -> None:
        """Count the settled commands and wake each waiting event loop once."""
        settled, self._settled = self._settled, []
        wake: dict[asyncio.AbstractEventLoop, list[Command]] = {}
        for cmd in settled:
            key = (cmd.name, _outcome(cmd.future))
            child = self._counted.get(key)
            if child is None:
                child = self._counted[key] = COMMANDS.labels(*key)
            child.inc()
            if cmd.waiter is not None:
                wake.setdefault(cmd.waiter[0], []).append(cmd)
        for loop, commands in wake.items():
            # RuntimeError: the loop closed, so nobody waits any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_wake, commands)

    def _run_batch(self, batch: list[Command]) -> None:
        try:
            self._commit_batch(batch)
        finally:
            self._announce()

    def _commit_batch(self, batch: list[Command]) -> None:
        working: dict[UUID, Aggregate] = {}
        applied: dict[UUID, list[tuple[Command, Done]]] = {}
        for cmd in batch:
            try:
                aggregate, done = self._apply(cmd, working)
            except Exception as exc:
                self._fail(cmd, exc)
                continue
            working[aggregate.id] = aggregate
            applied.setdefault(aggregate.id, []).append((cmd, done))
        if not working:
            return
        try:
            self._app.save(*working.values())
        except IntegrityError:
            # Another writer got there first (a second instance, or a duplicate create):
            # forget our copies and retry each command on its own, from the store.
            self._evict(working)
            self._run_singly([c for items in applied.values() for c, _ in items])
            return
        except Exception as exc:
            self._evict(working)
            for items in applied.values():
                for cmd, _ in items:
                    self._fail(cmd, exc)
            return
        self.batches += 1
        self._remember(working)
        for items in applied.values():
            for cmd, done in items:
                self._done(cmd, done)

    def _run_singly(self, commands: list[Command]) -> None:
        for cmd in commands:
            self._cache.pop(cmd.aggregate_id, None)
            try:
                aggregate, done = self._apply(cmd, {})
                self._app.save(aggregate)
            except IntegrityError:
                self._cache.pop(cmd.aggregate_id, None)
                self._fail(cmd, self._conflict(cmd))
            except Exception as exc:
                self._cache.pop(cmd.aggregate_id, None)
                self._fail(cmd, exc)
            else:
                self._remember({aggregate.id: aggregate})
                self._done(cmd, done)

    def _discard(self, aggregate: Aggregate, accepted: int, working: dict[UUID, Aggregate]) -> None:
        """Forget an aggregate a failed command may have changed; rebuild it from the
        store plus its first ``accepted`` pending events (this batch's earlier commands)."""
        if len(aggregate.pending_events) != accepted:
            # Guards run before any event; this rule broke after one.
            log.error("rule_broke_after_event", aggregate_id=str(aggregate.id))
        self._cache.pop(aggregate.id, None)
        working.pop(aggregate.id, None)
        events = list(aggregate.pending_events[:accepted])
        if not events:
            return
        first = int(events[0].originator_version)
        # The exact stored version the events follow (None before a creation event).
        base = self._app.repository.get(aggregate.id, version=first - 1) if first > 1 else None
        rebuilt: Aggregate | None = project_aggregate(base, events)
        assert rebuilt is not None
        rebuilt.pending_events.extend(events)
        working[aggregate.id] = rebuilt

    def _conflict(self, cmd: Command) -> ConflictError:
        current = self._current_version(cmd.aggregate_id)
        kind = cmd.kind or self._kind
        if cmd.create is not None:
            return ConflictError(
                f"{kind}_exists",
                f"the {kind} exists already",
                id=str(cmd.aggregate_id),
                current_version=current,
            )
        return ConflictError(
            "version_conflict",
            f"the {kind} was changed concurrently; reload and retry",
            current_version=current,
        )

    def _current_version(self, aggregate_id: UUID) -> int | None:
        try:
            return int(self._app.repository.get(aggregate_id).version)
        except AggregateNotFoundError:
            return None

    def _remember(self, aggregates: dict[UUID, Aggregate]) -> None:
        for agg_id, aggregate in aggregates.items():
            self._cache[agg_id] = aggregate
            self._cache.move_to_end(agg_id)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _evict(self, aggregates: dict[UUID, Aggregate]) -> None:
        for agg_id in aggregates:
            self._cache.pop(agg_id, None)

    def _load(self, cmd: Command, working: dict[UUID, Aggregate]) -> Aggregate | None:
        if cmd.aggregate_id in working:
            return working[cmd.aggregate_id]
        cached = self._cache.get(cmd.aggregate_id)
        # A client that saw a newer version than ours means another instance wrote.
        if cached is not None and (
            cmd.expected_version is None or cmd.expected_version <= cached.version
        ):
            return cached
        try:
            aggregate: Aggregate = self._app.repository.get(cmd.aggregate_id)
        except AggregateNotFoundError:
            return None
        return aggregate

    def _apply(self, cmd: Command, working: dict[UUID, Aggregate]) -> tuple[Aggregate, Done]:
        aggregate = self._load(cmd, working)
        if cmd.create is not None:
            if aggregate is not None:
                raise self._conflict(cmd)
            created = cmd.create()
            if self._stamp:
                self._stamp(created, cmd)
            return created, Done(created.id, created.version)
        kind = cmd.kind or self._kind
        if aggregate is None:
            raise NotFoundError(f"{kind}_not_found", f"no {kind} with that id")
        if cmd.expected_version is not None and cmd.expected_version != aggregate.version:
            raise ConflictError(
                "version_conflict",
                f"the {kind} is at version {aggregate.version}, "
                f"not {cmd.expected_version}; reload and retry",
                current_version=aggregate.version,
            )
        assert cmd.change is not None
        accepted = len(aggregate.pending_events)
        try:
            result = cmd.change(aggregate)
            if self._stamp:
                self._stamp(aggregate, cmd)
        except BaseException:
            self._discard(aggregate, accepted, working)
            raise
        return aggregate, Done(aggregate.id, aggregate.version, result)
