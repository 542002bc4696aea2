import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

from eventsourcing.application import Application

from services.cases.adapters.wire import _held_agreement_ids as translate_agreement_ids
from services.cases.domain.case import CollaborationCase
from services.cases.tests.unit.builders import (
    ACTOR,
    NOW,
    T0,
    add_relative,
    at,
    event_names,
    expect_error,
    invited_relative,
    new_case,
)

CPH_WINTER = timezone(timedelta(hours=1))


def agreement(agreement_id: str = "a1", **overrides: object) -> dict[str, object]:
    item: dict[str, object] = {
        "agreement_id": agreement_id,
        "topic": "Buy clothes",
        "responsible": "Anna",
        "due_date": "2030-01-09",
    }
    item.update(overrides)
    return item


def test_invitees_are_the_relatives_with_meeting_consent() -> None:
    case = new_case()
    invited_relative(case, "r1")
    add_relative(case, "r2")
    case.grant_consent("r2", "share_information", "oral", ACTOR)
    invited_relative(case, "r3")
    case.schedule_move_in_conversation(at(5), "Meeting room", ACTOR)
    event = case.pending_events[-1]
    assert type(event).__name__ == "MoveInConversationScheduled"
    assert event.invitee_relative_ids == ["r1", "r3"]  # type: ignore[attr-defined]
    view = case.to_state(T0)["move_in_conversation"]
    assert view["status"] == "scheduled" and view["conversation_at"] == at(5).isoformat()


def test_schedule_validation() -> None:
    case = new_case(planned_move_in="2030-01-10")
    schedule = case.schedule_move_in_conversation
    expect_error("invalid_datetime", case, schedule, datetime(2030, 1, 5), None, ACTOR)
    expect_error("invalid_datetime", case, schedule, "2030-01-05T10:00", None, ACTOR)
    expect_error("move_in_after_planned", case, schedule, at(10, 8), None, ACTOR)
    expect_error("move_in_after_planned", case, schedule, at(11), None, ACTOR)
    # 23:30 UTC on the 9th is already the 10th in Copenhagen.
    expect_error("move_in_after_planned", case, schedule, at(9, 23, 30), None, ACTOR)
    schedule(datetime(2030, 1, 9, 23, 0, tzinfo=CPH_WINTER), None, ACTOR)


def test_no_planned_move_in_date_means_no_date_limit() -> None:
    case = new_case(planned_move_in=None)
    case.schedule_move_in_conversation(at(30), None, ACTOR)


def test_reschedule_recomputes_invitees() -> None:
    case = new_case()
    case.schedule_move_in_conversation(at(5), None, ACTOR)
    invited_relative(case)
    case.schedule_move_in_conversation(at(6), None, ACTOR)
    assert case.move_in_conversation is not None
    assert case.move_in_conversation["invitee_relative_ids"] == ["r1"]


def test_hold_conversation_creates_agreements() -> None:
    case = new_case()
    invited_relative(case, "r1")
    invited_relative(case, "r2")
    case.schedule_move_in_conversation(at(5), None, ACTOR)
    case.hold_move_in_conversation(
        at(5, 11),
        ["finances", "medicine", "other"],
        {"medicine": "Pharmacy delivers weekly"},
        [agreement("a1"), agreement("a2", due_date=None, topic="Dentist")],
        ["r1"],
        True,
        ACTOR,
        now=NOW,
    )
    state = case.to_state(T0)
    conversation = state["move_in_conversation"]
    assert conversation["status"] == "held"
    assert conversation["covered_items"] == ["finances", "medicine", "other"]
    assert conversation["participant_relative_ids"] == ["r1"]
    assert conversation["citizen_participated"] is True
    assert conversation["agreement_ids"] == ["a1", "a2"]
    assert [a["agreement_id"] for a in state["agreements"]] == ["a1", "a2"]
    assert state["agreements"][0]["source"] == "move_in_conversation"
    assert state["agreements"][0]["status"] == "open"
    # The held event names the agreements; each is then made by its own event.
    held, first, second = case.pending_events[-3:]
    assert held.agreements == []  # type: ignore[attr-defined]
    assert held.agreement_ids == ["a1", "a2"]  # type: ignore[attr-defined]
    assert type(first).__name__ == type(second).__name__ == "MoveInAgreementMade"
    assert (second.agreement_id, second.topic, second.due_date) == ("a2", "Dentist", None)  # type: ignore[attr-defined]


def test_a_held_conversation_stored_with_its_agreements_still_loads() -> None:
    # Before MoveInAgreementMade the held event carried the agreements and no agreement_ids.
    case = new_case()
    case.schedule_move_in_conversation(at(5), None, ACTOR)
    app: Application[Any] = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.save(case)
    old = {
        "held_at": at(5, 11),
        "covered_items": ["finances"],
        "item_notes": {},
        "agreements": [agreement("a1")],
        "participant_relative_ids": [],
        "citizen_participated": True,
        "actor": ACTOR,
    }
    case._move_in_conversation_held(**old)
    held = case.collect_events()[-1]
    stored = app.mapper.to_stored_event(held)
    state = json.loads(stored.state)
    del state["agreement_ids"]
    legacy = app.mapper.to_domain_event(replace(stored, state=json.dumps(state).encode()))
    assert getattr(legacy, "agreement_ids", None) is None
    restored: CollaborationCase = app.repository.get(case.id)
    legacy.mutate(restored)  # type: ignore[attr-defined]
    view = restored.to_state(T0)
    assert view["move_in_conversation"]["agreement_ids"] == ["a1"]
    assert view["agreements"][0]["source"] == "move_in_conversation"
    assert translate_agreement_ids(legacy) == ["a1"]


def test_hold_validation() -> None:
    case = new_case()
    invited_relative(case, "r1")
    add_relative(case, "r2")
    hold = case.hold_move_in_conversation
    expect_error("move_in_not_scheduled", case, hold, at(5), [], {}, [], [], True, ACTOR, now=NOW)
    case.schedule_move_in_conversation(at(5), None, ACTOR)
    expect_error(
        "invalid_datetime", case, hold, datetime(2030, 1, 5), [], {}, [], [], True, ACTOR, now=NOW
    )
    expect_error(
        "unknown_checklist_item", case, hold, at(5), ["pets"], {}, [], [], True, ACTOR, now=NOW
    )
    expect_error(
        "unknown_checklist_item", case, hold, at(5), [], {"pets": "x"}, [], [], True, ACTOR, now=NOW
    )
    expect_error(
        "blank_text", case, hold, at(5), [], {"medicine": " "}, [], [], True, ACTOR, now=NOW
    )
    expect_error(
        "participant_not_invited", case, hold, at(5), [], {}, [], ["r2"], True, ACTOR, now=NOW
    )
    bad = [agreement(topic=" ")]
    expect_error("blank_text", case, hold, at(5), [], {}, bad, [], True, ACTOR, now=NOW)
    bad = [agreement(due_date="soon")]
    expect_error("invalid_date", case, hold, at(5), [], {}, bad, [], True, ACTOR, now=NOW)
    bad = [agreement("a1"), agreement("a1")]
    expect_error("agreement_exists", case, hold, at(5), [], {}, bad, [], True, ACTOR, now=NOW)
    case.make_agreement("a7", "Keys", "Staff", None, ACTOR)
    bad = [agreement("a7")]
    expect_error("agreement_exists", case, hold, at(5), [], {}, bad, [], True, ACTOR, now=NOW)
    hold(at(5), ["finances"], {}, [], ["r1"], False, ACTOR, now=NOW)
    expect_error("move_in_already_held", case, hold, at(5), [], {}, [], [], True, ACTOR, now=NOW)
    schedule = case.schedule_move_in_conversation
    expect_error("move_in_already_held", case, schedule, at(6), None, ACTOR)


def test_agreements_made_kept_and_broken() -> None:
    case = new_case()
    case.make_agreement("a1", "Weekly call", "Contact person", "2030-01-31", ACTOR)
    case.make_agreement("a2", "Bring photos", "Anna", None, ACTOR)
    case.mark_agreement_kept("a1", ACTOR)
    case.mark_agreement_broken("a2", "Forgot twice", ACTOR)
    a1, a2 = case.to_state(T0)["agreements"]
    assert (a1["status"], a1["source"], a1["settled_by"]) == ("kept", "case", ACTOR)
    assert (a2["status"], a2["note"]) == ("broken", "Forgot twice")
    assert event_names(case)[-2:] == ["AgreementKept", "AgreementBroken"]


def test_agreement_validation() -> None:
    case = new_case()
    make = case.make_agreement
    expect_error("blank_text", case, make, "", "Topic", "Staff", None, ACTOR)
    expect_error("blank_text", case, make, "a1", "", "Staff", None, ACTOR)
    expect_error("blank_text", case, make, "a1", "Topic", " ", None, ACTOR)
    expect_error("invalid_date", case, make, "a1", "Topic", "Staff", "2030-13-01", ACTOR)
    make("a1", "Topic", "Staff", None, ACTOR)
    expect_error("agreement_exists", case, make, "a1", "Topic", "Staff", None, ACTOR)
    expect_error("unknown_agreement", case, case.mark_agreement_kept, "a9", ACTOR)
    expect_error("unknown_agreement", case, case.mark_agreement_broken, "a9", None, ACTOR)
    case.mark_agreement_kept("a1", ACTOR)
    expect_error("agreement_already_settled", case, case.mark_agreement_kept, "a1", ACTOR)
    expect_error("agreement_already_settled", case, case.mark_agreement_broken, "a1", None, ACTOR)
