"""The electorate: relatives on open cases at the tilbud; repeated facts change nothing."""

from __future__ import annotations

from services.councils.domain.electorate import Electorate


def test_relatives_on_open_cases_make_the_electorate() -> None:
    e = Electorate(tilbud_id="t1")
    e.apply_case_fact("case-a", 1, "opened", None)
    e.apply_case_fact("case-a", 2, "relative_added", "r1")
    e.apply_case_fact("case-a", 3, "relative_added", "r2")
    e.apply_case_fact("case-b", 1, "opened", None)
    e.apply_case_fact("case-b", 4, "relative_added", "r3")
    assert e.voters() == ["r1", "r2", "r3"]
    e.apply_case_fact("case-a", 5, "relative_removed", "r2")
    assert e.voters() == ["r1", "r3"]


def test_closing_a_case_takes_its_relatives_out_and_reopening_brings_them_back() -> None:
    e = Electorate(tilbud_id="t1")
    e.apply_case_fact("case-a", 1, "opened", None)
    e.apply_case_fact("case-a", 2, "relative_added", "r1")
    e.apply_case_fact("case-a", 3, "closed", None)
    assert e.voters() == []
    assert e.open_cases() == 0
    e.apply_case_fact("case-a", 4, "reopened", None)
    assert e.voters() == ["r1"]


def test_a_repeated_or_older_fact_changes_nothing() -> None:
    e = Electorate(tilbud_id="t1")
    e.apply_case_fact("case-a", 1, "opened", None)
    e.apply_case_fact("case-a", 2, "relative_added", "r1")
    e.apply_case_fact("case-a", 3, "relative_removed", "r1")
    version = e.version
    assert e.apply_case_fact("case-a", 2, "relative_added", "r1") is False
    assert e.apply_case_fact("case-a", 3, "relative_removed", "r1") is False
    assert e.version == version
    assert e.voters() == []


def test_a_case_first_seen_by_a_later_event_counts_as_open() -> None:
    e = Electorate(tilbud_id="t1")
    assert e.apply_case_fact("case-a", 7, "relative_added", "r1") is True
    assert e.voters() == ["r1"]
