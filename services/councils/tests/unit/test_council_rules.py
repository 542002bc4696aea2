"""Forming a council: kinds, agreed seats with the ex-officio seat, frame, appointments."""

from __future__ import annotations

from datetime import UTC, datetime

from services.councils.tests.builders import ACTOR, AGREEMENT, FRAME, new_council, rejects


def test_the_department_head_sits_ex_officio_from_formation() -> None:
    council = new_council()
    (member,) = council.active_members()
    assert member["kind"] == "ex_officio"
    assert member["person_ref"] == "dept-1"
    assert member["term_end"] is None
    assert council.seat_agreement == AGREEMENT
    assert [s["seat"] for s in council.to_state()["relative_seats"]] == [
        "R1",
        "R2",
        "R3",
        "R4",
        "R5",
    ]


def test_seat_numbers_must_leave_room_for_the_ex_officio_seat() -> None:
    rejects("seats_below_ex_officio", new_council, staff=0)
    rejects("invalid_number", new_council, relatives=-1)


def test_seat_numbers_are_at_most_100_each() -> None:
    for seat in ("relatives", "citizens", "staff"):
        rejects("invalid_number", new_council, **{seat: 10_000_000_000_000_000_000})
        rejects("invalid_number", new_council, **{seat: 101})
    assert new_council(relatives=100, staff=100).seats["relatives"] == 100


def test_each_kind_needs_its_seats() -> None:
    rejects("no_relative_seats", new_council, relatives=0)
    rejects("invalid_council_kind", new_council, kind="board")
    rejects("no_citizen_seats", new_council, kind="resident_relatives_council", citizens=0)
    assert new_council(kind="resident_relatives_council", citizens=2).seats["citizens"] == 2


def test_a_citizen_council_is_formed_when_citizens_decline_a_relatives_council() -> None:
    rejects("declined_date_required", new_council, kind="citizen_council", relatives=0, citizens=3)
    rejects(
        "citizen_council_has_no_relative_seats",
        new_council,
        kind="citizen_council",
        relatives=2,
        citizens=3,
        relatives_council_declined_on="2030-01-02",
    )
    council = new_council(
        kind="citizen_council", relatives=0, citizens=3, relatives_council_declined_on="2030-01-02"
    )
    assert council.relatives_council_declined_on == "2030-01-02"
    rejects("no_relative_seats", council.schedule_election, "e1", "2030-03-01", ACTOR)
    council.schedule_meeting("rm1", "relatives_meeting", _at(), ["Årets aktiviteter"], ACTOR)
    council.record_minutes("rm1", "Godt møde", ["relative-x", "relative-y"], ACTOR)
    assert council.meetings["rm1"]["attendees"] == ["relative-x", "relative-y"]


def test_frame_is_filled_in_locally() -> None:
    council = new_council()
    rejects("blank_text", council.change_frame, {**FRAME, "tasks": " "}, ACTOR)
    council.change_frame({**FRAME, "tasks": "Aktiviteter"}, ACTOR)
    assert council.frame["tasks"] == "Aktiviteter"


def test_appointed_seats_are_limited_by_the_agreement() -> None:
    council = new_council(kind="resident_relatives_council", citizens=1, staff=2)
    rejects(
        "not_an_appointed_seat", council.appoint_member, "relative", "r1", "2030-02-01", None, ACTOR
    )
    council.appoint_member("citizen", "citizen-a", "2030-02-01", None, ACTOR)
    rejects(
        "no_free_seat", council.appoint_member, "citizen", "citizen-b", "2030-02-01", None, ACTOR
    )
    council.appoint_member("staff", "staff-a", "2030-02-01", "2032-02-01", ACTOR)
    # two staff seats: the department head's and staff-a's
    rejects("no_free_seat", council.appoint_member, "staff", "staff-b", "2030-02-01", None, ACTOR)
    rejects(
        "already_member", council.appoint_member, "citizen", "staff-a", "2030-02-01", None, ACTOR
    )
    rejects(
        "seats_below_occupied",
        council.agree_seats,
        {"relatives": 5, "citizens": 1, "staff": 1},
        AGREEMENT,
        ACTOR,
    )


def test_new_seat_agreement_is_recorded_with_who_agreed_and_when() -> None:
    council = new_council(relatives=4)
    agreement = {"centre_head": "centre-2", "department_head": "dept-1", "agreed_on": "2031-01-01"}
    council.agree_seats({"relatives": 6, "citizens": 0, "staff": 1}, agreement, ACTOR)
    assert council.seat_agreement == agreement
    assert len(council.relative_seats) == 6
    council.agree_seats({"relatives": 2, "citizens": 0, "staff": 1}, agreement, ACTOR)
    assert sorted(council.relative_seats) == ["R1", "R2"]


def test_the_ex_officio_member_changes_with_the_department_head() -> None:
    council = new_council()
    rejects("ex_officio_cannot_resign", council.resign, "m1", "2030-05-01", ACTOR)
    council.change_department_head("dept-2", "2030-05-01", ACTOR)
    (member,) = council.active_members("ex_officio")
    assert member["person_ref"] == "dept-2"
    assert council.members["m1"]["left_reason"] == "replaced"
    rejects("same_department_head", council.change_department_head, "dept-2", "2030-06-01", ACTOR)


def test_council_meetings_admit_members_only_and_minutes_once() -> None:
    council = new_council()
    council.schedule_meeting("cm1", "council_meeting", _at(), ["Valg", "Budget"], ACTOR)
    rejects("meeting_exists", council.schedule_meeting, "cm1", "council_meeting", _at(), [], ACTOR)
    rejects("invalid_meeting_kind", council.schedule_meeting, "x", "party", _at(), [], ACTOR)
    rejects("attendee_not_member", council.record_minutes, "cm1", "Referat", ["stranger"], ACTOR)
    council.record_minutes("cm1", "Referat", ["dept-1"], ACTOR)
    rejects("minutes_already_recorded", council.record_minutes, "cm1", "Igen", ["dept-1"], ACTOR)
    rejects("meeting_not_found", council.record_minutes, "nope", "Referat", [], ACTOR)


def _at() -> datetime:
    return datetime(2030, 4, 1, 17, 0, tzinfo=UTC)
