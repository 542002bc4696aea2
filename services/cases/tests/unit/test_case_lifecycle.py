import json
from collections.abc import Callable
from typing import Any

import pytest

from services.cases.domain.case import CollaborationCase
from services.cases.tests.unit.builders import (
    ACTOR,
    CPR,
    NOW,
    T0,
    add_relative,
    at,
    event_names,
    expect_error,
    new_case,
)


def test_open_records_the_facts() -> None:
    case = new_case()
    event = case.pending_events[0]
    assert type(event).__name__ == "Opened"
    assert event.cpr == "0101901234"  # type: ignore[attr-defined]
    assert (case.status, case.level, case.setting) == ("open", None, "nursing_home")
    assert case.planned_move_in == "2030-01-10"
    assert new_case(planned_move_in=None).planned_move_in is None


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"cpr": "320190-1234"}, "invalid_cpr"),
        ({"setting": "hospital"}, "invalid_setting"),
        ({"tilbud_id": "  "}, "blank_text"),
        ({"citizen_ref": ""}, "blank_text"),
        ({"actor": ""}, "blank_text"),
        ({"planned_move_in": "2030-02-30"}, "invalid_date"),
        ({"planned_move_in": "20300110"}, "invalid_date"),
        ({"planned_move_in": "10-01-2030"}, "invalid_date"),
    ],
)
def test_open_validates(overrides: dict[str, Any], code: str) -> None:
    expect_error(code, None, new_case, **overrides)


def test_cpr_never_leaks_into_repr_state_or_json() -> None:
    case = new_case()
    for text in (repr(case), json.dumps(case.to_state(T0))):
        assert "0101901234" not in text and CPR not in text
    assert "cpr" not in case.to_state(T0)


def test_close_and_reopen() -> None:
    case = new_case()
    case.close("moved", None, ACTOR)
    assert case.status == "closed"
    assert case.to_state(T0)["close_reason"] == "moved"
    case.reopen("Moved back", ACTOR)
    assert case.status == "open"
    assert case.to_state(T0)["close_reason"] is None
    assert event_names(case)[-2:] == ["Closed", "Reopened"]


def test_close_validates() -> None:
    case = new_case()
    expect_error("invalid_close_reason", case, case.close, "bored", None, ACTOR)
    expect_error("blank_text", case, case.close, "other", "  ", ACTOR)
    case.close("other", "Citizen declined the offer", ACTOR)
    assert case.closure is not None and case.closure["note"] == "Citizen declined the offer"


def test_reopen_requires_closed_case_and_reason() -> None:
    case = new_case()
    expect_error("case_not_closed", case, case.reopen, "why", ACTOR)
    case.close("deceased", None, ACTOR)
    expect_error("blank_text", case, case.reopen, "", ACTOR)


COMMANDS: list[tuple[str, Callable[[CollaborationCase], Any]]] = [
    ("close", lambda c: c.close("moved", None, ACTOR)),
    ("add_relative", lambda c: add_relative(c, "r2")),
    ("update_relative", lambda c: c.update_relative("r1", ACTOR, name="B")),
    ("remove_relative", lambda c: c.remove_relative("r1", None, ACTOR)),
    ("grant_consent", lambda c: c.grant_consent("r1", "send_messages", "oral", ACTOR)),
    ("withdraw_consent", lambda c: c.withdraw_consent("r1", "share_information", "oral", ACTOR)),
    ("schedule", lambda c: c.schedule_move_in_conversation(at(5), None, ACTOR)),
    ("hold", lambda c: c.hold_move_in_conversation(at(5), [], {}, [], [], True, ACTOR, now=NOW)),
    ("make_agreement", lambda c: c.make_agreement("a9", "Topic", "Staff", None, ACTOR)),
    ("kept", lambda c: c.mark_agreement_kept("a1", ACTOR)),
    ("broken", lambda c: c.mark_agreement_broken("a1", None, ACTOR)),
    ("assess_level", lambda c: c.assess_level(1, ["good_dialogue"], "Fine", ACTOR)),
    ("set_plan", lambda c: c.set_handling_plan(["clear_frames"], [], "2030-02-01", ACTOR)),
    ("review_plan", lambda c: c.review_handling_plan("Notes", None, ACTOR)),
    ("assign_leader", lambda c: c.assign_leader(None, "leader-1", actor_is_leader=True)),
    ("incident", lambda c: c.report_incident("i1", "threat", "staff", at(6), "x", ACTOR, now=NOW)),
    (
        "complaint",
        lambda c: c.receive_complaint("k2", at(6), "citizen", "email", "x", ACTOR, now=NOW),
    ),
    ("first_contact", lambda c: c.record_complaint_first_contact("k1", at(6), ACTOR, now=NOW)),
    ("resolve", lambda c: c.resolve_complaint("k1", "upheld", "Sorry", ACTOR)),
    ("dialogue", lambda c: c.note_dialogue("n1", "phone", "Talk", [], ACTOR)),
    ("handover", lambda c: c.record_handover("Care", "Visits", [], ACTOR)),
    ("network", lambda c: c.record_network_relation("x1", "new", "local", "Club", ACTOR)),
]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_closed_case_accepts_nothing_but_reopen(
    name: str, command: Callable[[CollaborationCase], Any]
) -> None:
    case = new_case()
    add_relative(case)
    case.grant_consent("r1", "share_information", "oral", ACTOR)
    case.make_agreement("a1", "Topic", "Staff", None, ACTOR)
    case.receive_complaint("k1", at(5), "citizen", "phone", "Food", ACTOR, now=NOW)
    case.set_handling_plan(["clear_frames"], [], "2030-02-01", ACTOR)
    case.close("transferred", None, ACTOR)
    expect_error("case_closed", case, command, case)


def test_actor_is_required_on_commands() -> None:
    case = new_case()
    expect_error("blank_text", case, case.assign_leader, "leader-1", " ")
    expect_error("blank_text", case, case.close, "moved", None, "")
