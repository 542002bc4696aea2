from datetime import datetime, timedelta

from services.cases.tests.unit.builders import ACTOR, NOW, T0, at, expect_error, new_case


def test_complaint_deadline_is_24_hours() -> None:
    case = new_case()
    case.receive_complaint("k1", at(5, 9), "citizen", "phone", "Cold food", ACTOR, now=NOW)
    event = case.pending_events[-1]
    assert event.first_contact_deadline == at(6, 9)  # type: ignore[attr-defined]
    view = case.to_state(at(6, 9))["complaints"][0]
    assert view["first_contact_deadline"] == at(6, 9).isoformat()
    assert view["overdue"] is False  # not yet past the deadline
    assert case.to_state(at(6, 9, 1))["complaints"][0]["overdue"] is True


def test_overdue_complaints() -> None:
    case = new_case()
    case.receive_complaint("k1", at(5), "citizen", "email", "Food", ACTOR, now=NOW)
    case.receive_complaint("k2", at(5), "other", "letter", "Laundry", ACTOR, now=NOW)
    case.receive_complaint("k3", at(5), "citizen", "phone", "Noise", ACTOR, now=NOW)
    case.receive_complaint("k4", at(7), "other", "phone", "Keys", ACTOR, now=NOW)
    case.record_complaint_first_contact("k2", at(5, 12), ACTOR, now=NOW)
    case.resolve_complaint("k3", "withdrawn", "Withdrawn by phone", ACTOR)
    overdue = case.overdue_complaints(at(7, 12))
    assert [c["complaint_id"] for c in overdue] == ["k1"]
    assert overdue[0]["overdue"] is True and overdue[0]["received_at"] == at(5).isoformat()
    assert case.overdue_complaints(at(5, 12)) == []
    expect_error("invalid_datetime", None, case.overdue_complaints, datetime(2030, 1, 7))


def test_first_contact_and_resolution() -> None:
    case = new_case()
    case.receive_complaint("k1", at(5), "citizen", "email", "Food", ACTOR, now=NOW)
    case.record_complaint_first_contact("k1", at(5, 15), ACTOR, now=NOW)
    case.resolve_complaint("k1", "partially_upheld", "New menu", ACTOR)
    view = case.to_state(T0 + timedelta(days=30))["complaints"][0]
    assert view["first_contact_at"] == at(5, 15).isoformat()
    assert (view["outcome"], view["resolution"], view["overdue"]) == (
        "partially_upheld",
        "New menu",
        False,
    )


def test_complaint_validation() -> None:
    case = new_case()
    receive = case.receive_complaint
    expect_error(
        "invalid_datetime",
        case,
        receive,
        "k1",
        datetime(2030, 1, 5),
        "other",
        "phone",
        "x",
        ACTOR,
        now=NOW,
    )
    expect_error("blank_text", case, receive, "k1", at(5), " ", "phone", "x", ACTOR, now=NOW)
    expect_error("blank_text", case, receive, "k1", at(5), "other", "", "x", ACTOR, now=NOW)
    expect_error("blank_text", case, receive, "k1", at(5), "other", "phone", "", ACTOR, now=NOW)
    receive("k1", at(5), "other", "phone", "x", ACTOR, now=NOW)
    expect_error(
        "complaint_exists", case, receive, "k1", at(5), "other", "phone", "x", ACTOR, now=NOW
    )
    contact = case.record_complaint_first_contact
    expect_error("unknown_complaint", case, contact, "k9", at(5), ACTOR, now=NOW)
    expect_error("contact_before_received", case, contact, "k1", at(4), ACTOR, now=NOW)
    expect_error("invalid_datetime", case, contact, "k1", "now", ACTOR, now=NOW)
    contact("k1", at(5, 11), ACTOR, now=NOW)
    expect_error("first_contact_already_recorded", case, contact, "k1", at(5, 12), ACTOR, now=NOW)
    resolve = case.resolve_complaint
    expect_error("unknown_complaint", case, resolve, "k9", "upheld", "x", ACTOR)
    expect_error("invalid_outcome", case, resolve, "k1", "ignored", "x", ACTOR)
    expect_error("blank_text", case, resolve, "k1", "upheld", " ", ACTOR)
    resolve("k1", "rejected", "Explained the rules", ACTOR)
    expect_error("complaint_already_resolved", case, resolve, "k1", "upheld", "x", ACTOR)
    receive("k2", at(5), "other", "phone", "x", ACTOR, now=NOW)
    resolve("k2", "withdrawn", "Withdrawn", ACTOR)
    expect_error("complaint_already_resolved", case, contact, "k2", at(5, 12), ACTOR, now=NOW)


def test_dialogue_notes() -> None:
    case = new_case()
    case.note_dialogue("n1", "meeting", "Talked about visits", ["r1", "Contact person"], ACTOR)
    note = case.to_state(T0)["dialogue_notes"][0]
    assert (note["kind"], note["participants"], note["noted_by"]) == (
        "meeting",
        ["r1", "Contact person"],
        ACTOR,
    )
    assert note["noted_at"]
    note_dialogue = case.note_dialogue
    expect_error("invalid_dialogue_kind", case, note_dialogue, "n2", "sms", "x", [], ACTOR)
    expect_error("blank_text", case, note_dialogue, "n2", "phone", " ", [], ACTOR)
    expect_error("blank_text", case, note_dialogue, "n2", "phone", "x", [" "], ACTOR)
    expect_error("blank_text", case, note_dialogue, "n2", "phone", "x", "r1", ACTOR)
    expect_error("note_exists", case, note_dialogue, "n1", "phone", "x", [], ACTOR)


def test_handover() -> None:
    case = new_case()
    case.record_handover("Personal care, 2 visits a day", "Daily outings", ["use_of_force"], ACTOR)
    case.record_handover("Personal care", "Weekly outings", [], ACTOR)
    handover = case.to_state(T0)["handover"]
    assert handover["revision"] == 2 and handover["expectations"] == "Weekly outings"
    record = case.record_handover
    expect_error("blank_text", case, record, " ", "x", [], ACTOR)
    expect_error("blank_text", case, record, "x", "", [], ACTOR)
    expect_error("blank_text", case, record, "x", "y", [""], ACTOR)


def test_network_relations() -> None:
    case = new_case()
    case.record_network_relation("x1", "re_established", "family", "Cousin visits again", ACTOR)
    relation = case.to_state(T0)["network_relations"][0]
    assert (relation["kind"], relation["category"]) == ("re_established", "family")
    record = case.record_network_relation
    expect_error("invalid_network_kind", case, record, "x2", "old", "local", "x", ACTOR)
    expect_error("invalid_network_category", case, record, "x2", "new", "church", "x", ACTOR)
    expect_error("blank_text", case, record, "x2", "new", "local", " ", ACTOR)
    expect_error("relation_exists", case, record, "x1", "new", "local", "x", ACTOR)
