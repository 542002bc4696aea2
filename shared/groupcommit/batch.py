"""Applying a batch of commands to their aggregates and saving it in one transaction.

The writer thread's side of :class:`~shared.groupcommit.committer.GroupCommitter`: its
cache of the aggregates it wrote, the rebuild of an aggregate a failed command touched,
and the retry of a batch one by one when another writer got there first.
"""

from __future__ import annotations

from collections import OrderedDict
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, project_aggregate
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from shared.errors import ConflictError, NotFoundError
from shared.groupcommit.command import Command, Done, Stamp
from shared.logging import get_logger

log = get_logger(__name__)


class BatchWriter:
    """Applies and commits batches; the committer feeds it and announces what settled."""

    def __init__(
        self,
        app: Application[UUID],
        *,
        stamp: Stamp | None,
        kind: str,
        cache_size: int,
    ) -> None:
        self._app = app
        self._cache: OrderedDict[UUID, Aggregate] = OrderedDict()
        self._cache_size = cache_size
        self._stamp = stamp
        self._kind = kind
        self._settled: list[Command] = []  # this batch's finished commands, to announce
        self.batches = 0  # transactions committed (tests compare it with the commands)

    def _done(self, cmd: Command, done: Done) -> None:
        cmd.settle(done)
        self._settled.append(cmd)

    def _fail(self, cmd: Command, exc: BaseException) -> None:
        cmd.settle(None, exc)
        self._settled.append(cmd)

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
