"""Group commit: batches are one transaction, rules isolate bad commands, conflicts are 409."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from shared.errors import ConflictError, DomainError, NotFoundError
from shared.groupcommit import Command, GroupCommitter
from tests.unit.groupcommit_counter import (
    Counter,
    CountingApp,
    add,
    create,
    run_batch,
)


@pytest.fixture(params=[False, True], ids=["no_library_cache", "library_cache"])
def app(request: pytest.FixtureRequest) -> CountingApp:
    return CountingApp(library_cache=request.param)


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
