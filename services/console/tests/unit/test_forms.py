"""Plain forms become API bodies; a field left empty or a date that does not parse is
reported on its field before anything is sent."""

from __future__ import annotations

from datetime import UTC, datetime

from services.console.domain import forms
from services.console.domain.case_filters import read_side_filters
from services.console.domain.staircase import steps
from services.console.domain.timefmt import dansk_dato, time_left


def test_open_case_strips_the_cpr_dash_and_reports_missing_fields() -> None:
    parsed = forms.open_case({"cpr": ["070761-4285"], "tilbud_id": [""], "setting": ["x"]})
    assert parsed.body["cpr"] == "0707614285"
    assert [e.field for e in parsed.errors] == ["tilbud_id"]


def test_a_held_conversation_is_a_copenhagen_time() -> None:
    parsed = forms.hold_move_in(
        {"held_at": ["2026-07-01"], "held_time": ["10:00"], "covered_items": ["finances"]}
    )
    assert parsed.body["held_at"] == "2026-07-01T10:00:00+02:00"
    assert parsed.body["citizen_participated"] is True and not parsed.errors


def test_a_date_that_does_not_parse_is_reported_on_its_field() -> None:
    parsed = forms.report_incident(
        {"kind": ["threat"], "occurred_at": ["2026-13-01"], "occurred_time": ["10:00"],
         "description": ["x"]}
    )  # fmt: skip
    assert [e.field for e in parsed.errors] == ["occurred_at"]


def test_a_level_with_focus_areas_carries_a_plan() -> None:
    parsed = forms.assess_level(
        {"level": ["3"], "characteristics": ["difficult_dialogue"], "justification": ["j"],
         "focus_areas": ["handling_plan"], "review_date": ["2027-01-10"]}
    )  # fmt: skip
    assert parsed.body["plan"] == {"focus_areas": ["handling_plan"], "review_date": "2027-01-10"}
    assert parsed.body["level"] == 3 and parsed.body["leader"] is None


def test_the_version_comes_back_from_the_form() -> None:
    assert forms.version({"version": ["7"]}) == 7
    assert forms.version({}) is None


def test_the_staircase_marks_the_current_level() -> None:
    catalogue = {"levels": [{"level": n, "label_da": f"L{n}"} for n in (1, 2, 3, 4)]}
    assert [s.current for s in steps(catalogue, 3)] == [False, False, True, False]


def test_danish_dates_in_copenhagen() -> None:
    assert dansk_dato("2026-12-03") == "3. december 2026"
    assert dansk_dato("2026-07-01T08:00:00+00:00") == "1. juli 2026 kl. 10.00"


def test_the_case_list_filters_become_the_read_sides() -> None:
    query = {"tilbud": " lyngen ", "trin": "4", "mangler_plan": "ja", "kontakt_overskredet": ""}
    assert read_side_filters(query) == {"tilbud_id": "lyngen", "level": "4", "missing_plan": "true"}
    assert read_side_filters({"trin": "9", "leder_paakraevet": "ja"}) == {"leader_required": "true"}


def test_time_left_to_a_deadline_in_danish() -> None:
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    assert time_left("2026-12-04T08:30:00+00:00", now) == "om 23 timer"
    assert time_left("2026-12-03T08:00:00+00:00", now) == "overskredet med 1 time"
    assert time_left("2026-12-03T09:20:00+00:00", now) == "om under en time"
