"""A complaint comes from a relative of the case, the citizen, or someone else."""

from __future__ import annotations

import pytest

from services.cases.tests.unit.builders import ACTOR, NOW, add_relative, at, expect_error, new_case


@pytest.mark.parametrize("complainant", ["r1", "citizen", "other"])
def test_a_relative_the_citizen_or_other_may_complain(complainant: str) -> None:
    case = new_case()
    add_relative(case, "r1")
    case.receive_complaint("k1", at(5), complainant, "phone", "Food", ACTOR, now=NOW)
    assert case.complaints["k1"]["complainant"] == complainant


@pytest.mark.parametrize("complainant", ["r9", "Anna", "Citizen"])
def test_an_unknown_complainant_is_refused(complainant: str) -> None:
    case = new_case()
    add_relative(case, "r1")
    receive = case.receive_complaint
    error = expect_error(
        "unknown_complainant", case, receive, "k1", at(5), complainant, "phone", "x", ACTOR, now=NOW
    )
    assert error.status == 422 and error.details["field"] == "complainant"
    assert case.complaints == {}


def test_a_removed_relative_no_longer_complains() -> None:
    case = new_case()
    add_relative(case, "r1")
    case.remove_relative("r1", "Moved abroad", ACTOR)
    receive = case.receive_complaint
    expect_error(
        "unknown_complainant", case, receive, "k1", at(5), "r1", "phone", "x", ACTOR, now=NOW
    )


@pytest.mark.parametrize("reserved", ["citizen", "other"])
def test_a_relative_cannot_take_a_complainant_word_as_id(reserved: str) -> None:
    case = new_case()
    expect_error("reserved_relative_id", case, add_relative, case, reserved)
