"""Theme evenings: capacity, waiting list in arrival order, cancellation, as events."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.communication.domain.theme_evening import ThemeEvening
from shared.errors import ConflictError, DomainError, NotFoundError

AT = datetime(2031, 3, 1, 9, 0, tzinfo=UTC)


def evening(capacity: int = 2) -> ThemeEvening:
    return ThemeEvening.plan(
        actor="mette",
        at=AT,
        evening_id="e1",
        title="Økonomi",
        topic="finances",
        organiser="municipality",
        organiser_name="VJH",
        starts_at="2031-04-01T19:00:00+02:00",
        location="Aarhus",
        capacity=capacity,
    )


def announced(capacity: int = 2) -> ThemeEvening:
    """An evening planned and announced (sign-ups open then)."""
    e = evening(capacity)
    e.announce("mette", AT)
    return e


def sign_up(e: ThemeEvening, rid: str) -> str:
    return e.register(rid, rid.upper(), f"{rid}@x.dk", "mette", AT).status


def test_seats_then_waiting_list_and_the_first_waiting_gets_a_freed_seat() -> None:
    e = announced(2)
    assert [sign_up(e, r) for r in "abcd"] == [
        "registered",
        "registered",
        "waitlisted",
        "waitlisted",
    ]
    e.cancel_registration("a", "mette", AT)
    assert [r.registration_id for r in e.seated()] == ["b", "c"]
    events = e.collect_events()
    kinds = ["Planned", "Announced", *["SignedUp"] * 4, "SignUpCancelled"]
    assert [type(x).__name__ for x in events] == kinds
    assert events[-1].promoted_registration_id == "c"  # type: ignore[attr-defined]
    assert e.version == 7
    e.cancel_registration("d", "mette", AT)  # a waiting one leaving frees no seat
    assert e.collect_events()[0].promoted_registration_id is None  # type: ignore[attr-defined]


def test_a_cancelled_sign_up_keeps_no_name_or_address() -> None:
    e = announced()
    sign_up(e, "a")
    e.cancel_registration("a", "mette", AT)
    found = e.find("a")
    assert found is not None and (found.name, found.email, found.status) == (
        None,
        None,
        "cancelled",
    )
    with pytest.raises(NotFoundError):
        e.cancel_registration("a", "mette", AT)


def test_same_address_twice_is_a_conflict() -> None:
    e = announced()
    sign_up(e, "a")
    with pytest.raises(ConflictError) as exc:
        e.register("b", "A", "A@X.dk", "mette", AT)
    assert exc.value.code == "already_registered"


def test_a_cancelled_evening_takes_no_registrations_and_tells_everyone() -> None:
    e = announced(1)
    sign_up(e, "a")
    sign_up(e, "b")
    e.cancel("mette", AT)
    assert [r.registration_id for r in e.live()] == ["a", "b"]
    with pytest.raises(ConflictError) as exc:
        sign_up(e, "c")
    assert exc.value.code == "theme_evening_cancelled"


def test_bad_input_has_stable_codes() -> None:
    with pytest.raises(DomainError) as exc:
        ThemeEvening.plan(
            actor="mette",
            at=AT,
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
        evening().cancel_registration("nope", "mette", AT)


def test_announcing_twice_is_a_conflict() -> None:
    e = evening()
    e.announce("mette", AT)
    with pytest.raises(ConflictError) as exc:
        e.announce("mette", AT)
    assert exc.value.code == "already_announced" and exc.value.details["current_version"] == 2


def test_no_sign_up_before_the_evening_is_announced() -> None:
    e = evening()
    with pytest.raises(ConflictError) as exc:
        sign_up(e, "a")
    assert exc.value.code == "theme_evening_not_announced"
    assert exc.value.details["current_version"] == 1 and e.registrations == []
    e.announce("mette", AT)
    assert sign_up(e, "a") == "registered"
