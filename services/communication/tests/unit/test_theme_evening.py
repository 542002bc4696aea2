"""Theme evenings: capacity, waiting list in arrival order, cancellation."""

from __future__ import annotations

import pytest

from services.communication.domain.theme_evening import ThemeEvening
from shared.errors import ConflictError, DomainError, NotFoundError


def evening(capacity: int = 2) -> ThemeEvening:
    return ThemeEvening.create(
        evening_id="e1",
        title="Økonomi",
        topic="finances",
        organiser="municipality",
        organiser_name="VJH",
        starts_at="2031-04-01T19:00:00+02:00",
        location="Aarhus",
        capacity=capacity,
    )


def test_seats_then_waiting_list_and_the_first_waiting_gets_a_freed_seat() -> None:
    e = evening(2)
    a = e.register("a", "A", "a@x.dk", "t1")
    e.register("b", "B", "b@x.dk", "t2")
    c = e.register("c", "C", "c@x.dk", "t3")
    d = e.register("d", "D", "d@x.dk", "t4")
    assert (a.status, c.status, d.status) == ("registered", "waitlisted", "waitlisted")
    promoted = e.cancel_registration("a")
    assert promoted is not None and promoted.registration_id == "c"
    assert [r.registration_id for r in e.seated()] == ["b", "c"]
    assert e.cancel_registration("d") is None  # a waiting one leaving frees no seat


def test_same_address_twice_is_a_conflict() -> None:
    e = evening()
    e.register("a", "A", "a@x.dk", "t1")
    with pytest.raises(ConflictError) as exc:
        e.register("b", "A", "A@X.dk", "t2")
    assert exc.value.code == "already_registered"


def test_a_cancelled_evening_takes_no_registrations_and_tells_everyone() -> None:
    e = evening(1)
    e.register("a", "A", "a@x.dk", "t1")
    e.register("b", "B", "b@x.dk", "t2")
    told = e.cancel()
    assert [r.registration_id for r in told] == ["a", "b"]
    with pytest.raises(ConflictError) as exc:
        e.register("c", "C", "c@x.dk", "t3")
    assert exc.value.code == "theme_evening_cancelled"


def test_bad_input_has_stable_codes() -> None:
    with pytest.raises(DomainError) as exc:
        ThemeEvening.create(
            evening_id="e",
            title="t",
            topic="finances",
            organiser="someone",
            organiser_name="x",
            starts_at="s",
            location="l",
            capacity=1,
        )
    assert exc.value.code == "invalid_organiser"
    for capacity in (0, 10_001, 10_000_000_000_000_000_000):
        with pytest.raises(DomainError) as exc:
            evening(capacity)
        assert exc.value.code == "invalid_capacity"
    assert evening(10_000).capacity == 10_000
    with pytest.raises(NotFoundError):
        evening().cancel_registration("nope")


def test_announcing_twice_is_a_conflict() -> None:
    e = evening()
    e.announce()
    with pytest.raises(ConflictError):
        e.announce()
