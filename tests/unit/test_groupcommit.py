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


@pytest.fixture(params=[False, True], ids=["no_library_cache", "library_cache"])
def app(request: pytest.FixtureRequest) -> CountingApp:
    return CountingApp(library_cache=request.param)


def call(agg_id: uuid.UUID, method: str) -> Command:
    return Command(name=method, aggregate_id=agg_id, change=lambda c: getattr(c, method)())


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


def test_a_command_names_its_aggregate_in_its_error_codes(app: CountingApp) -> None:
    # A service with several aggregates gets each one's own code, not the committer's.
    agg_id = Counter.create_id()
    missing = Command(
        name="add", aggregate_id=uuid.uuid4(), change=lambda c: c.add(1), kind="counter"
    )
    made = Command(name="start", aggregate_id=agg_id, create=lambda: Counter(name="n"))
    committer = run_batch(app, [missing, made])
    with pytest.raises(NotFoundError) as missed:
        missing.future.result()
    assert missed.value.code == "counter_not_found"
    made_id = made.future.result().aggregate_id
    twin = Command(
        name="start", aggregate_id=made_id, create=lambda: Counter(name="n"), kind="counter"
    )
    committer._run_batch([twin])
    with pytest.raises(ConflictError) as err:
        twin.future.result()
    assert err.value.code == "counter_exists"
    assert err.value.details["current_version"] == 1


def test_another_writer_is_detected_and_the_command_retried_from_the_store(
    app: CountingApp,
) -> None:
    a = Counter(name="a")
    app.save(a)
    committer = run_batch(app, [add(a.id, 1)])  # the writer now caches version 2
    other: Counter = app.repository.get(a.id)  # a second instance writes version 3
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


def test_commands_submitted_on_an_event_loop_get_their_outcomes_there(app: CountingApp) -> None:
    import asyncio

    a = Counter(name="a")
    app.save(a)
    committer = GroupCommitter(app, max_batch=16)
    committer.start()

    async def run() -> list[Any]:
        waits = [committer.submit(add(a.id, 1)) for _ in range(20)]
        waits.append(committer.submit(add(a.id, -1)))
        return await asyncio.gather(*waits, return_exceptions=True)

    try:
        outcomes = asyncio.run(run())
    finally:
        committer.stop()
    assert sorted(o.version for o in outcomes[:20]) == list(range(2, 22))
    assert isinstance(outcomes[20], DomainError)
    assert app.repository.get(a.id).total == 20
