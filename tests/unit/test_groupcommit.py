"""Group commit: batches are one transaction, rules isolate bad commands, conflicts are 409."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from shared.errors import ConflictError, DomainError, NotFoundError
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


class CountingApp(Application[uuid.UUID]):
    def __init__(self) -> None:
        super().__init__(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
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


@pytest.fixture
def app() -> CountingApp:
    return CountingApp()


def run_batch(app: CountingApp, commands: list[Command]) -> GroupCommitter:
    committer = GroupCommitter(app)
    committer._run_batch(commands)
    return committer


def test_a_batch_is_saved_in_one_call_and_each_command_gets_its_version(app: CountingApp) -> None:
    a = Counter(name="a")
    app.save(a)
    app.saves = 0
    cmds = [add(a.id, 1), add(a.id, 2), add(a.id, 3)]
    run_batch(app, cmds)
    assert app.saves == 1
    assert [c.future.result().version for c in cmds] == [2, 3, 4]
    assert app.repository.get(a.id).total == 6


def test_a_broken_rule_fails_only_its_command(app: CountingApp) -> None:
    a = Counter(name="a")
    app.save(a)
    cmds = [add(a.id, 1), add(a.id, -5), add(a.id, 2)]
    run_batch(app, cmds)
    assert cmds[0].future.result().version == 2
    with pytest.raises(DomainError):
        cmds[1].future.result()
    assert cmds[2].future.result().version == 3
    assert app.repository.get(a.id).total == 3


def test_a_rule_broken_after_an_event_leaves_no_trace(app: CountingApp) -> None:
    a = Counter(name="a")
    app.save(a)
    late = Command(name="late", aggregate_id=a.id, change=lambda c: c.add_then_break())
    cmds = [add(a.id, 1), late, add(a.id, 2)]
    run_batch(app, cmds)
    with pytest.raises(DomainError):
        late.future.result()
    assert app.repository.get(a.id).total == 3
    assert app.repository.get(a.id).version == 3


def test_stale_expected_version_is_a_conflict_with_the_current_version(app: CountingApp) -> None:
    a = Counter(name="a")
    app.save(a)
    cmds = [add(a.id, 1, expected=1), add(a.id, 1, expected=1)]
    run_batch(app, cmds)
    assert cmds[0].future.result().version == 2
    with pytest.raises(ConflictError) as err:
        cmds[1].future.result()
    assert err.value.details["current_version"] == 2


def test_unknown_aggregate_is_not_found_and_duplicate_create_is_a_conflict(
    app: CountingApp,
) -> None:
    agg_id = Counter.create_id()
    cmds = [
        add(uuid.uuid4(), 1),
        create(agg_id),
    ]
    committer = run_batch(app, cmds)
    with pytest.raises(NotFoundError):
        cmds[0].future.result()
    again = create(cmds[1].future.result().aggregate_id)
    committer._run_batch([again])
    with pytest.raises(ConflictError) as err:
        again.future.result()
    assert err.value.code == "aggregate_exists"


def test_another_writer_is_detected_and_the_command_retried_from_the_store(
    app: CountingApp,
) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = run_batch(app, [add(a.id, 1)])  # the writer now caches version 2
    other = app.repository.get(a.id)  # a second instance writes version 3
    other.add(10)
    app.save(other)
    cmd = add(a.id, 5)
    committer._run_batch([cmd])
    assert cmd.future.result().version == 4
    assert app.repository.get(a.id).total == 16


def test_concurrent_submissions_lose_no_update(app: CountingApp) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = GroupCommitter(app, max_batch=16)
    committer.start()
    futures = []

    def submit(k: int) -> None:
        for _ in range(50):
            futures.append(committer.submit(add(a.id, 1)))

    threads = [threading.Thread(target=submit, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    versions = sorted(f.result(timeout=10).version for f in futures)
    committer.stop()
    assert versions == list(range(2, 402))
    assert app.repository.get(a.id).total == 400
    assert committer.batches < 400
