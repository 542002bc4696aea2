from typing import Any

import pytest

from services.cases.tests.unit.builders import (
    ACTOR,
    LEADER,
    NOW,
    T0,
    appoint,
    at,
    event_names,
    expect_error,
    new_case,
    plan,
)


def test_assess_level_1_and_2() -> None:
    case = new_case()
    case.assess_level(1, ["good_dialogue", "curiosity_and_respect"], "Good start", ACTOR)
    case.assess_level(2, ["dissatisfaction"], "Complaints about food", ACTOR)
    assessment = case.to_state(T0)["level_assessment"]
    assert assessment["level"] == 2 and assessment["previous_level"] == 1
    assert assessment["characteristics"] == ["dissatisfaction"]
    assert assessment["justification"] == "Complaints about food"
    assert assessment["by_system"] is False and assessment["incident_id"] is None
    assert assessment["assessed_by"] == ACTOR and assessment["assessed_at"]
    assert [a["level"] for a in case.level_history] == [1, 2]


@pytest.mark.parametrize(
    ("level", "characteristics", "justification", "code"),
    [
        (0, ["good_dialogue"], "x", "invalid_level"),
        (5, ["good_dialogue"], "x", "invalid_level"),
        ("1", ["good_dialogue"], "x", "invalid_level"),
        (1, [], "x", "characteristics_required"),
        (1, ["dissatisfaction"], "x", "characteristic_not_in_level"),
        (2, ["good_dialogue", "dissatisfaction"], "x", "characteristic_not_in_level"),
        (1, ["no_such_thing"], "x", "characteristic_not_in_level"),
        (1, ["good_dialogue"], "  ", "justification_required"),
        (1, ["good_dialogue"], None, "justification_required"),
    ],
)
def test_assess_level_validation(
    level: Any, characteristics: list[str], justification: Any, code: str
) -> None:
    case = new_case()
    expect_error(code, case, case.assess_level, level, characteristics, justification, ACTOR)


def test_level_3_requires_a_plan_from_level_3() -> None:
    case = new_case()
    assess = case.assess_level
    expect_error("plan_required", case, assess, 3, ["difficult_dialogue"], "Hard", ACTOR)
    wrong = {**plan(3), "focus_areas": ["clear_plan"]}
    expect_error(
        "focus_area_not_in_level",
        case,
        assess,
        3,
        ["difficult_dialogue"],
        "Hard",
        ACTOR,
        plan=wrong,
    )
    unknown = {**plan(3), "focus_areas": ["yoga"]}
    expect_error(
        "unknown_focus_area", case, assess, 3, ["difficult_dialogue"], "Hard", ACTOR, plan=unknown
    )
    assess(3, ["difficult_dialogue"], "Hard", ACTOR, plan=plan(3))
    assert event_names(case)[-2:] == ["HandlingPlanSet", "LevelAssessed"]
    assert case.handling_plan is not None and case.handling_plan["revision"] == 1
    # The plan is in force, so a later level-3 assessment needs none.
    assess(3, ["direct_or_indirect_criticism"], "Still hard", ACTOR)


def test_a_plan_set_at_level_1_does_not_satisfy_level_3() -> None:
    case = new_case()
    case.set_handling_plan(["clear_frames"], [], "2030-02-01", ACTOR)
    assess = case.assess_level
    expect_error("plan_required", case, assess, 3, ["difficult_dialogue"], "Hard", ACTOR)


def test_level_4_requires_plan_and_leader_checked_before_any_event() -> None:
    case = new_case()
    assess = case.assess_level
    args = (4, ["missing_dialogue"], "No contact", LEADER)
    as_leader: dict[str, Any] = {"leader": LEADER, "actor_is_leader": True}
    expect_error("plan_required", case, assess, *args, **as_leader)
    expect_error("leader_required", case, assess, *args, plan=plan(4))
    expect_error("blank_text", case, assess, *args, plan=plan(4), leader=" ")
    assess(*args, plan=plan(4), **as_leader)
    assert event_names(case)[-3:] == ["HandlingPlanSet", "LeaderAssigned", "LevelAssessed"]
    assert (case.level, case.leader, case.leader_required) == (4, "leader-1", False)


def test_level_4_with_existing_plan_and_leader() -> None:
    case = new_case()
    appoint(case)
    case.set_handling_plan(["clear_plan", "documentation"], [], "2030-02-01", ACTOR)
    assess = case.assess_level
    assess(4, ["agreements_not_kept"], "Broken twice", LEADER, leader=LEADER, actor_is_leader=True)
    assert event_names(case)[-1] == "LevelAssessed"  # same leader: no new LeaderAssigned


def test_escalating_from_3_to_4_needs_a_level_4_plan() -> None:
    case = new_case()
    appoint(case)
    case.assess_level(3, ["difficult_dialogue"], "Hard", ACTOR, plan=plan(3))
    assess = case.assess_level
    expect_error("plan_required", case, assess, 4, ["missing_dialogue"], "Worse", ACTOR)
    assess(4, ["missing_dialogue"], "Worse", ACTOR, plan=plan(4))
    assert case.handling_plan is not None and case.handling_plan["revision"] == 2


def test_de_escalation_needs_justification_too() -> None:
    case = new_case()
    case.report_incident("i1", "violence", "staff", at(6), "Pushed a carer", ACTOR, now=NOW)
    expect_error(
        "justification_required", case, case.assess_level, 2, ["dissatisfaction"], "", "leader-1"
    )
    case.assess_level(2, ["dissatisfaction"], "Leader decided: one-off, apologised", "leader-1")
    assert (case.level, case.leader_required) == (2, False)


def test_set_and_review_handling_plan() -> None:
    case = new_case()
    actions = [
        {"action": "Weekly call", "owner": "Contact person", "due_date": "2030-01-20"},
        {"action": "Meeting", "owner": "Leader"},
    ]
    case.set_handling_plan(
        ["clear_division_of_roles", "documentation"], actions, "2030-02-01", ACTOR
    )
    case.review_handling_plan("Calls work", "2030-03-01", ACTOR)
    case.review_handling_plan("No change", None, ACTOR)
    view = case.to_state(T0)["handling_plan"]
    assert view["revision"] == 1 and view["review_date"] == "2030-03-01"
    assert view["actions"][1] == {"action": "Meeting", "owner": "Leader", "due_date": None}
    assert [r["notes"] for r in view["reviews"]] == ["Calls work", "No change"]
    case.set_handling_plan(["clear_frames"], [], "2030-04-01", ACTOR)
    assert case.to_state(T0)["handling_plan"]["revision"] == 2
    assert case.to_state(T0)["handling_plan"]["reviews"] == []


def test_handling_plan_validation() -> None:
    case = new_case()
    set_plan = case.set_handling_plan
    expect_error("focus_areas_required", case, set_plan, [], [], "2030-02-01", ACTOR)
    expect_error("unknown_focus_area", case, set_plan, ["yoga"], [], "2030-02-01", ACTOR)
    expect_error("invalid_date", case, set_plan, ["clear_frames"], [], "next week", ACTOR)
    expect_error("invalid_date", case, set_plan, ["clear_frames"], [], None, ACTOR)
    no_owner = [{"action": "Call", "owner": ""}]
    expect_error("blank_text", case, set_plan, ["clear_frames"], no_owner, "2030-02-01", ACTOR)
    bad_due = [{"action": "Call", "owner": "X", "due_date": "2030-02-31"}]
    expect_error("invalid_date", case, set_plan, ["clear_frames"], bad_due, "2030-02-01", ACTOR)
    expect_error("no_handling_plan", case, case.review_handling_plan, "Notes", None, ACTOR)
    case.set_handling_plan(["clear_frames"], [], "2030-02-01", ACTOR)
    expect_error("blank_text", case, case.review_handling_plan, " ", None, ACTOR)
    expect_error("invalid_date", case, case.review_handling_plan, "Ok", "tomorrow", ACTOR)


def test_at_level_3_plan_focus_areas_must_come_from_level_3() -> None:
    case = new_case()
    case.assess_level(3, ["difficult_dialogue"], "Hard", ACTOR, plan=plan(3))
    set_plan = case.set_handling_plan
    expect_error(
        "focus_area_not_in_level", case, set_plan, ["clear_frames"], [], "2030-02-01", ACTOR
    )
    set_plan(["involving_other_professions"], [], "2030-02-01", ACTOR)


@pytest.mark.parametrize("kind", ["threat", "violence", "harassment"])
def test_threats_violence_harassment_escalate_to_4(kind: str) -> None:
    case = new_case()
    case.assess_level(1, ["good_dialogue"], "Fine", ACTOR)
    case.report_incident("i1", kind, "staff", at(6), "What happened", ACTOR, now=NOW)
    assert event_names(case)[-2:] == ["IncidentReported", "LevelAssessed"]
    assessed = case.pending_events[-1]
    assert assessed.level == 4 and assessed.previous_level == 1  # type: ignore[attr-defined]
    assert assessed.by_system is True and assessed.incident_id == "i1"  # type: ignore[attr-defined]
    assert assessed.actor == "system"  # type: ignore[attr-defined]
    assert assessed.characteristics == ["threats_violence_harassment_against_staff"]  # type: ignore[attr-defined]
    assert kind in assessed.justification  # type: ignore[attr-defined]
    # No plan and no leader were needed, but the case now needs a leader.
    assert (case.level, case.handling_plan, case.leader_required) == (4, None, True)
    appoint(case)
    assert case.leader_required is False


def test_escalation_with_a_leader_already_assigned() -> None:
    case = new_case()
    appoint(case)
    case.report_incident("i1", "threat", None, at(6), "Threatened a carer", ACTOR, now=NOW)
    assert (case.level, case.leader_required) == (4, False)


def test_no_new_assessment_when_already_at_4() -> None:
    case = new_case()
    case.report_incident("i1", "threat", "staff", at(6), "First", ACTOR, now=NOW)
    case.report_incident("i2", "violence", "citizen", at(7), "Second", ACTOR, now=NOW)
    assert event_names(case)[-1] == "IncidentReported"
    assert len(case.level_history) == 1


def test_press_or_politician_threat_is_recorded_only() -> None:
    case = new_case()
    case.report_incident(
        "i1", "press_or_politician_threat", None, at(6), "Will call press", ACTOR, now=NOW
    )
    assert event_names(case)[-1] == "IncidentReported"
    assert case.level is None
    incident = case.to_state(T0)["incidents"][0]
    assert incident["occurred_at"] == at(6).isoformat() and incident["against"] is None


def test_incident_validation() -> None:
    case = new_case()
    report = case.report_incident
    expect_error(
        "invalid_incident_kind", case, report, "i1", "rudeness", None, at(6), "x", ACTOR, now=NOW
    )
    expect_error(
        "invalid_incident_against", case, report, "i1", "threat", "dog", at(6), "x", ACTOR, now=NOW
    )
    expect_error(
        "invalid_datetime", case, report, "i1", "threat", None, "yesterday", "x", ACTOR, now=NOW
    )
    expect_error("blank_text", case, report, "i1", "threat", None, at(6), " ", ACTOR, now=NOW)
    expect_error("blank_text", case, report, "", "threat", None, at(6), "x", ACTOR, now=NOW)
    report("i1", "threat", None, at(6), "x", ACTOR, now=NOW)
    expect_error("incident_exists", case, report, "i1", "threat", None, at(6), "x", ACTOR, now=NOW)


def test_assign_leader_validation() -> None:
    case = new_case()
    expect_error("blank_text", case, case.assign_leader, "", LEADER, actor_is_leader=True)
    appoint(case)
    appoint(case, "leader-2")
    assert case.leader == "leader-2"
