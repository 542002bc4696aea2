"""Replaying stored events rebuilds the same case without re-running guards."""

import json
from typing import Any

from eventsourcing.application import Application

from services.cases.domain.case import CollaborationCase
from services.cases.domain.enums import Setting
from services.cases.tests.unit.builders import (
    ACTOR,
    NOW,
    add_relative,
    at,
    invited_relative,
    new_case,
    plan,
)


def busy_case() -> CollaborationCase:
    case = new_case()
    invited_relative(case, "r1")
    add_relative(
        case, "r2", channels={"phone": "+4511111111", "letter": "Vej 2"}, preferred_channel="letter"
    )
    case.update_relative("r2", ACTOR, name="Bo", legal_role="lasting_power_of_attorney")
    case.grant_consent("r2", "share_information", "oral", ACTOR)
    invited_relative(case, "r3")
    case.schedule_move_in_conversation(at(5), "Room 2", ACTOR)
    case.withdraw_consent("r3", "invite_to_meetings", "written", ACTOR)
    case.hold_move_in_conversation(
        at(5, 11),
        ["finances", "doctor_dentist_contact"],
        {"finances": "Daughter handles the bank"},
        [
            {
                "agreement_id": "a1",
                "topic": "GP transfer",
                "responsible": "Staff",
                "due_date": "2030-01-15",
            }
        ],
        ["r1"],
        True,
        ACTOR,
        now=NOW,
    )
    case.make_agreement("a2", "Bring photos", "Anna", None, ACTOR)
    case.mark_agreement_kept("a1", ACTOR)
    case.mark_agreement_broken("a2", "Forgot", ACTOR)
    case.assess_level(1, ["good_dialogue"], "Good start", ACTOR)
    case.assess_level(2, ["large_or_increasing_contact_need"], "Many calls", ACTOR)
    case.set_handling_plan(["clear_frames"], [], "2030-02-01", ACTOR)
    case.assess_level(3, ["difficult_dialogue"], "Shouting", ACTOR, plan=plan(3))
    case.review_handling_plan("Some progress", "2030-02-15", ACTOR)
    case.report_incident("i1", "harassment", "staff", at(8), "Repeated insults", ACTOR, now=NOW)
    case.report_incident("i2", "press_or_politician_threat", None, at(9), "Press", ACTOR, now=NOW)
    case.assign_leader(None, "leader-1", actor_is_leader=True)
    case.assess_level(4, ["missing_dialogue"], "Confirmed", "leader-1", plan=plan(4))
    case.receive_complaint("k1", at(9), "r1", "email", "Food", ACTOR, now=NOW)
    case.receive_complaint("k2", at(9), "other", "phone", "Noise", ACTOR, now=NOW)
    case.record_complaint_first_contact("k1", at(9, 15), ACTOR, now=NOW)
    case.resolve_complaint("k1", "upheld", "New menu", ACTOR)
    case.note_dialogue("n1", "phone", "Calmer call", ["r1"], ACTOR)
    case.record_handover("Care", "Outings", ["confidentiality"], ACTOR)
    case.record_network_relation("x1", "new", "volunteer", "Visiting friend", ACTOR)
    case.remove_relative("r3", "Moved abroad", ACTOR)
    case.close("other", "Transferred to another municipality's tilbud", ACTOR)
    case.reopen("Transfer cancelled", ACTOR)
    return case


def test_replay_rebuilds_the_same_state() -> None:
    case = busy_case()
    app: Application[Any] = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.save(case)
    restored = app.repository.get(case.id)
    assert isinstance(restored, CollaborationCase)
    assert restored.version == case.version == 37  # the held conversation's agreement: +1
    now = at(20)
    assert restored.to_state(now) == case.to_state(now)
    assert restored == case  # every attribute, datetimes and the CPR included
    json.dumps(restored.to_state(now))
    assert restored.to_state(now)["complaints"][1]["overdue"] is True


def test_snapshot_round_trip() -> None:
    case = busy_case()
    app: Application[Any] = Application(
        env={"PERSISTENCE_MODULE": "eventsourcing.popo", "IS_SNAPSHOTTING_ENABLED": "y"}
    )
    app.save(case)
    app.take_snapshot(case.id)
    restored = app.repository.get(case.id)
    assert restored == case
    assert restored.to_state(at(20)) == case.to_state(at(20))


def test_enum_members_are_stored_as_plain_strings() -> None:
    case = new_case(setting=Setting.HOME_CARE)
    opened = case.pending_events[0]
    assert type(opened.setting) is str  # type: ignore[attr-defined]


def test_replay_does_not_re_run_guards() -> None:
    # The system escalation happened without plan or leader; replay must not object.
    case = new_case()
    case.report_incident("i1", "threat", "staff", at(6), "Threat", ACTOR, now=NOW)
    events = case.collect_events()
    rebuilt = None
    for stored in events:
        rebuilt = stored.mutate(rebuilt)
    assert isinstance(rebuilt, CollaborationCase)
    assert (rebuilt.level, rebuilt.leader_required) == (4, True)


def test_events_do_not_share_mutable_state_with_the_aggregate() -> None:
    case = new_case()
    channels = {"email": "a@x.dk"}
    add_relative(case, channels=channels)
    case.relatives["r1"]["channels"]["phone"] = "1"
    channels["letter"] = "Vej 1"
    added = case.pending_events[1]
    assert added.channels == {"email": "a@x.dk"}  # type: ignore[attr-defined]
