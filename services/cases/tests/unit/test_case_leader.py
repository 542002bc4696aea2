"""Only a user with role ``leader`` appoints, or is appointed as, the responsible leader."""

from __future__ import annotations

from services.cases.tests.unit.builders import (
    ACTOR,
    LEADER,
    event_names,
    expect_error,
    new_case,
    plan,
)
from shared.errors import ConflictError

ARGS = (4, ["missing_dialogue"], "No contact")


def test_a_leader_takes_responsibility_themself() -> None:
    case = new_case()
    case.assign_leader(None, LEADER, actor_is_leader=True)
    assert (case.leader, event_names(case)[-1]) == (LEADER, "LeaderAssigned")
    assert case.pending_events[-1].actor == LEADER  # type: ignore[attr-defined]


def test_a_caseworker_appoints_no_leader() -> None:
    case = new_case()
    error = expect_error("leader_role_required", case, case.assign_leader, "bob", ACTOR)
    assert error.status == 403
    expect_error("leader_role_required", case, case.assign_leader, ACTOR, ACTOR)
    assert case.leader is None


def test_a_leader_cannot_appoint_someone_whose_role_is_unknown() -> None:
    case = new_case()
    assign = case.assign_leader
    error = expect_error("leader_role_required", case, assign, "bob", LEADER, actor_is_leader=True)
    assert error.status == 403 and case.leader is None


def test_a_leader_takes_over_from_another_leader_explicitly() -> None:
    case = new_case()
    case.assign_leader(None, "leader-2", actor_is_leader=True)
    case.assign_leader(None, LEADER, actor_is_leader=True)
    assert case.leader == LEADER


def test_a_caseworker_cannot_name_a_leader_in_a_level_assessment() -> None:
    case = new_case()
    assess = case.assess_level
    error = expect_error(
        "leader_role_required", case, assess, *ARGS, ACTOR, plan=plan(4), leader="bob"
    )
    assert error.status == 403
    expect_error("leader_role_required", case, assess, *ARGS, ACTOR, plan=plan(4), leader=ACTOR)
    assert (case.level, case.leader) == (None, None)


def test_a_leader_names_only_themself_in_a_level_assessment() -> None:
    case = new_case()
    assess = case.assess_level
    expect_error(
        "leader_role_required",
        case,
        assess,
        *ARGS,
        LEADER,
        plan=plan(4),
        leader="bob",
        actor_is_leader=True,
    )
    assess(*ARGS, LEADER, plan=plan(4), leader=LEADER, actor_is_leader=True)
    assert event_names(case)[-3:] == ["HandlingPlanSet", "LeaderAssigned", "LevelAssessed"]
    assert (case.level, case.leader, case.leader_required) == (4, LEADER, False)


def test_a_level_assessment_does_not_replace_an_assigned_leader() -> None:
    case = new_case()
    case.assign_leader(None, "leader-2", actor_is_leader=True)
    with_plan = {"plan": plan(4), "leader": LEADER, "actor_is_leader": True}
    error = expect_error(
        "leader_already_assigned", case, case.assess_level, *ARGS, LEADER, **with_plan
    )
    assert isinstance(error, ConflictError) and case.leader == "leader-2"
    # The same leader named again is no change.
    case.assess_level(*ARGS, "leader-2", plan=plan(4), leader="leader-2", actor_is_leader=True)
    assert event_names(case)[-1] == "LevelAssessed" and case.leader == "leader-2"
