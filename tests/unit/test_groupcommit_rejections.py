"""Group commit: a command rejected after it began changing an aggregate leaves no trace,
in the store or in the writer's cache, alone, in a batch, or on a conflict's retry."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from shared.errors import DomainError
from shared.groupcommit import Command, GroupCommitter
from tests.unit.groupcommit_counter import (
    Counter,
    CountingApp,
    add,
    call,
    run_batch,
)


@pytest.fixture(params=[False, True], ids=["no_library_cache", "library_cache"])
def app(request: pytest.FixtureRequest) -> CountingApp:
    return CountingApp(library_cache=request.param)


BROKEN = ["add_then_break", "add_then_crash", "scribble_then_crash"]


def stored(app: CountingApp, agg_id: uuid.UUID) -> tuple[int, int]:
    counter: Counter = app.repository.get(agg_id)
    return counter.total, counter.version


def writer_agrees(committer: GroupCommitter, app: CountingApp, agg_id: uuid.UUID) -> bool:
    """What the writer would run the next command on is what the store holds."""
    held: Any = committer._load(add(agg_id, 0), {})
    assert held is not None
    return (held.total, held.version) == stored(app, agg_id)


def failed(cmd: Command) -> None:
    with pytest.raises((DomainError, RuntimeError)):
        cmd.future.result()


@pytest.mark.parametrize("method", BROKEN)
def test_a_rejected_command_on_a_cached_aggregate_leaves_no_trace(
    app: CountingApp, method: str
) -> None:
    """The issue's reproduction: add(1), the rejected command, add(2), one batch each."""
    a = Counter(name="a")
    app.save(a)
    committer = GroupCommitter(app)
    one, broken, two = add(a.id, 1), call(a.id, method), add(a.id, 2)
    for cmd in (one, broken, two):
        committer._run_batch([cmd])
    failed(broken)
    assert two.future.result().version == 3
    assert stored(app, a.id) == (3, 3)
    assert writer_agrees(committer, app, a.id)


@pytest.mark.parametrize("method", BROKEN)
def test_a_rejected_command_on_a_freshly_loaded_aggregate_leaves_no_trace(
    app: CountingApp, method: str
) -> None:
    a = Counter(name="a")
    app.save(a)
    app.repository.get(a.id)  # the library's cache (when on) holds it now
    committer = GroupCommitter(app)
    broken, two = call(a.id, method), add(a.id, 2)
    committer._run_batch([broken])
    committer._run_batch([two])
    failed(broken)
    assert stored(app, a.id) == (2, 2)
    assert writer_agrees(committer, app, a.id)


@pytest.mark.parametrize("method", BROKEN)
def test_a_rejected_command_first_in_a_batch_on_a_cached_aggregate_leaves_no_trace(
    app: CountingApp, method: str
) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = run_batch(app, [add(a.id, 1)])
    broken = call(a.id, method)
    committer._run_batch([broken, add(a.id, 2)])
    committer._run_batch([add(a.id, 4)])
    failed(broken)
    assert stored(app, a.id) == (7, 4)
    assert writer_agrees(committer, app, a.id)


@pytest.mark.parametrize("method", BROKEN)
def test_a_rejected_command_in_a_batch_keeps_the_batch_s_accepted_commands(
    app: CountingApp, method: str
) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = run_batch(app, [add(a.id, 1)])  # cached at version 2
    broken = call(a.id, method)
    cmds = [add(a.id, 1), add(a.id, 2), broken, add(a.id, 3)]
    committer._run_batch(cmds)
    failed(broken)
    assert [c.future.result().version for c in (cmds[0], cmds[1], cmds[3])] == [3, 4, 5]
    committer._run_batch([add(a.id, 10)])
    assert stored(app, a.id) == (17, 6)
    assert writer_agrees(committer, app, a.id)


@pytest.mark.parametrize("method", BROKEN)
def test_a_rejected_command_on_an_aggregate_created_in_the_same_batch_leaves_no_trace(
    app: CountingApp, method: str
) -> None:
    agg_id = uuid.uuid4()
    made = Command(name="start", aggregate_id=agg_id, create=lambda: Counter(name="n"))
    committer = GroupCommitter(app)
    committer._run_batch([made])
    new_id = made.future.result().aggregate_id
    # a second aggregate created and broken within one batch
    other = Counter(name="x")
    create_other = Command(name="start", aggregate_id=other.id, create=lambda: other)
    broken = call(other.id, method)
    committer._run_batch([create_other, add(other.id, 1), broken, add(other.id, 2), add(new_id, 5)])
    failed(broken)
    assert stored(app, other.id) == (3, 3)
    assert stored(app, new_id) == (5, 2)
    assert writer_agrees(committer, app, other.id)


def test_a_command_that_breaks_only_on_the_conflict_retry_leaves_no_trace(
    app: CountingApp,
) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = run_batch(app, [add(a.id, 1)])  # the writer caches version 2, total 1
    other: Counter = app.repository.get(a.id)  # a second instance writes version 3, total 11
    other.add(10)
    app.save(other)
    capped = Command(name="capped", aggregate_id=a.id, change=lambda c: c.add_capped(5, 10))
    cmds = [add(a.id, 1), capped, add(a.id, 2)]
    committer._run_batch(cmds)  # stale: accepted in the batch, conflict, retried singly
    with pytest.raises(DomainError):
        capped.future.result()
    assert [cmds[0].future.result().version, cmds[2].future.result().version] == [4, 5]
    committer._run_batch([add(a.id, 100)])
    assert stored(app, a.id) == (114, 6)
    assert writer_agrees(committer, app, a.id)


@pytest.mark.parametrize("method", BROKEN)
def test_a_rejected_command_in_a_conflicting_batch_leaves_no_trace(
    app: CountingApp, method: str
) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = run_batch(app, [add(a.id, 1)])
    other: Counter = app.repository.get(a.id)
    other.add(10)
    app.save(other)
    broken = call(a.id, method)
    committer._run_batch([add(a.id, 1), broken, add(a.id, 2)])
    failed(broken)
    committer._run_batch([add(a.id, 100)])
    assert stored(app, a.id) == (114, 6)
    assert writer_agrees(committer, app, a.id)


def test_a_failed_batch_leaves_no_half_applied_aggregate_in_the_cache(app: CountingApp) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = run_batch(app, [add(a.id, 1)])
    real_save = app.save

    def broken_save(*objs: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    app.save = broken_save  # type: ignore[method-assign]
    lost = add(a.id, 50)
    committer._run_batch([lost])
    app.save = real_save  # type: ignore[method-assign]
    with pytest.raises(OSError):
        lost.future.result()
    committer._run_batch([add(a.id, 2)])
    assert stored(app, a.id) == (3, 3)
    assert writer_agrees(committer, app, a.id)
