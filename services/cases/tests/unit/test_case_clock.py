"""Things that happened cannot lie in the future (beyond a small clock skew); planned
things may. The application hands the domain its clock reading (``Now``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from services.cases.tests.unit.builders import (
    ACTOR,
    add_relative,
    expect_error,
    invited_relative,
    new_case,
)

CLOCK = Now(datetime(2030, 1, 5, 12, 0, tzinfo=UTC), skew=timedelta(minutes=5))
SOON = CLOCK.at + timedelta(minutes=4)
LATER = CLOCK.at + timedelta(minutes=6)


def receive(case: CollaborationCase, when: datetime, cid: str = "k1") -> None:
    case.receive_complaint(cid, when, "citizen", "phone", "Food", ACTOR, now=CLOCK)


COMMANDS: dict[str, Any] = {
    "received_at": lambda c, t: receive(c, t, "k2"),
    "contacted_at": lambda c, t: c.record_complaint_first_contact("k1", t, ACTOR, now=CLOCK),
    "held_at": lambda c, t: c.hold_move_in_conversation(t, [], {}, [], [], True, ACTOR, now=CLOCK),
    "occurred_at": lambda c, t: c.report_incident(
        "i1", "threat", "staff", t, "Threat", ACTOR, now=CLOCK
    ),
}


def prepared_case() -> CollaborationCase:
    case = new_case(planned_move_in="2030-02-01")
    add_relative(case)
    receive(case, CLOCK.at - timedelta(hours=1))
    case.schedule_move_in_conversation(CLOCK.at - timedelta(hours=2), None, ACTOR)
    return case


@pytest.mark.parametrize("field", COMMANDS)
def test_a_thing_that_happened_cannot_lie_in_the_future(field: str) -> None:
    case = prepared_case()
    error = expect_error("time_in_future", case, COMMANDS[field], case, LATER)
    assert error.status == 422 and error.details["field"] == field


@pytest.mark.parametrize("field", COMMANDS)
def test_a_small_clock_skew_is_allowed(field: str) -> None:
    case = prepared_case()
    before = case.version
    COMMANDS[field](case, SOON)
    assert case.version > before


def test_planned_things_may_lie_ahead() -> None:
    case = new_case(planned_move_in="2031-01-10")
    invited_relative(case)
    case.schedule_move_in_conversation(CLOCK.at + timedelta(days=300), "Room 2", ACTOR)
    case.make_agreement("a1", "Weekly call", "Staff", "2031-06-01", ACTOR)
    case.set_handling_plan(["clear_frames"], [], "2031-07-01", ACTOR)
    case.review_handling_plan("Fine", "2031-08-01", ACTOR)
    assert case.move_in_conversation is not None
    assert case.handling_plan is not None and case.handling_plan["review_date"] == "2031-08-01"


def test_the_clock_reading_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError):
        Now(datetime(2030, 1, 5, 12, 0))
    with pytest.raises(ValueError):
        Now(CLOCK.at, skew=timedelta(minutes=-1))
