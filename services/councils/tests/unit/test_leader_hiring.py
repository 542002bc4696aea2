"""Relatives in leader hiring: per centre, who decided, and the pilot's target."""

from __future__ import annotations

from services.councils.domain.leader_hiring import LeaderHirings
from services.councils.tests.builders import rejects

HEADS = ("mso-nord-chef", "mso-direktoer")
FOCUS = {"focus_group": 4}


def test_only_the_department_or_centre_head_decides() -> None:
    h = LeaderHirings("mso-omraade-nord")
    rejects(
        "not_hiring_authority",
        h.record,
        "h1",
        "tilbud_leader",
        "2021-03-01",
        FOCUS,
        "someone",
        HEADS,
        "admin",
    )
    h.record("h1", "tilbud_leader", "2021-03-01", FOCUS, "mso-nord-chef", HEADS, "admin")
    h.record("h2", "team_leader", "2021-04-01", {}, "mso-direktoer", HEADS, "admin")
    rejects(
        "hiring_exists",
        h.record,
        "h1",
        "tilbud_leader",
        "2021-03-01",
        FOCUS,
        "mso-nord-chef",
        HEADS,
        "admin",
    )
    rejects(
        "invalid_position",
        h.record,
        "h3",
        "boss",
        "2021-03-01",
        FOCUS,
        "mso-nord-chef",
        HEADS,
        "admin",
    )
    rejects(
        "invalid_involvement",
        h.record,
        "h3",
        "other",
        "2021-03-01",
        {"lunch": 1},
        "mso-nord-chef",
        HEADS,
        "admin",
    )


def test_target_counts_hirings_with_relatives_in_the_pilot_period() -> None:
    h = LeaderHirings("mso-omraade-nord")
    h.record("h1", "tilbud_leader", "2021-03-01", FOCUS, "mso-nord-chef", HEADS, "a")
    h.record("h2", "team_leader", "2022-05-01", {"focus_group": 0}, "mso-nord-chef", HEADS, "a")
    h.record("h3", "team_leader", "2023-01-02", {"other": 1}, "mso-nord-chef", HEADS, "a")
    state = h.to_state()
    assert (state["with_relatives_in_pilot"], state["target_met"]) == (1, False)
    h.record(
        "h4", "deputy_leader", "2022-12-31", {"hiring_committee": 2}, "mso-direktoer", HEADS, "a"
    )
    state = h.to_state()
    assert (state["with_relatives_in_pilot"], state["target_met"]) == (2, True)
    assert state["pilot"] == {"from": "2021-01-01", "to": "2022-12-31", "target": 2}
