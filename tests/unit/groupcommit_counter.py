"""The aggregate and application the group-commit tests drive: a counter whose commands
add, break a rule after an event, or crash, on the library's in-memory store."""

from __future__ import annotations

import uuid
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from shared.errors import DomainError
from shared.groupcommit import Command, GroupCommitter


class Counter(Aggregate):
    @event("Started")
    def __init__(self, name: str) -> None:
        self.name = name
        self.total = 0

    def add(self, n: int) -> None:
        if n < 0:
            raise DomainError("negative", "no negatives")
        self._added(n)

    @event("Added")
    def _added(self, n: int) -> None:
        self.total += n

    def add_then_break(self) -> None:
        self._added(1000)  # breaks the guards-first rule on purpose
        raise DomainError("late_rule", "a rule after an event")

    def add_then_crash(self) -> None:
        self._added(1000)
        raise RuntimeError("a bug after an event")

    def add_capped(self, n: int, cap: int) -> None:
        self._added(n)
        if self.total > cap:
            raise DomainError("over_cap", "a rule after an event")

    def scribble_then_crash(self) -> None:
        self.total = -1  # a change outside any event, then a bug
        raise RuntimeError("a bug")


class CountingApp(Application[uuid.UUID]):
    def __init__(self, library_cache: bool = False) -> None:
        env = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
        if library_cache:  # the services run with the library's repository cache on
            env["AGGREGATE_CACHE_MAXSIZE"] = "100"
        super().__init__(env=env)
        self.saves = 0

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        self.saves += 1
        return super().save(*objs, **kwargs)


def create(agg_id: uuid.UUID, name: str = "c") -> Command:
    return Command(name="start", aggregate_id=agg_id, create=lambda: Counter(name=name))


def add(agg_id: uuid.UUID, n: int, expected: int | None = None) -> Command:
    return Command(
        name="add", aggregate_id=agg_id, expected_version=expected, change=lambda c: c.add(n)
    )


def call(agg_id: uuid.UUID, method: str) -> Command:
    return Command(name=method, aggregate_id=agg_id, change=lambda c: getattr(c, method)())


def run_batch(app: CountingApp, commands: list[Command]) -> GroupCommitter:
    committer = GroupCommitter(app)
    committer._run_batch(commands)
    return committer
