"""Staggered elections: terms, the reproducible draw, the electorate, substitutes."""

from __future__ import annotations

from services.councils.domain import election_rules as er
from services.councils.domain.council import Council
from services.councils.tests.builders import ACTOR, new_council, rejects, run_election, terms

FIRST = {"ann": 9, "bo": 7, "cai": 5, "dea": 3, "eva": 2, "finn": 1, "gry": 0}


def test_first_election_fills_every_seat_the_top_half_rounded_up_for_four_years() -> None:
    council = new_council(relatives=5)
    result = run_election(council, "e1", "2030-03-01", FIRST)
    assert terms(result) == {"ann": 4, "bo": 4, "cai": 4, "dea": 2, "eva": 2}
    assert result["substitutes"] == ["finn", "gry"]
    by_person = {e["relative_id"]: e for e in result["elected"]}
    assert by_person["ann"]["term_end"] == "2034-03-01"
    assert by_person["eva"]["term_end"] == "2032-03-01"
    assert len(council.active_members("relative")) == 5
    assert council.next_due_on() == "2032-03-01"


def test_second_election_fills_only_the_seats_whose_term_ends() -> None:
    council = new_council(relatives=4)
    run_election(council, "e1", "2030-03-01", {"ann": 4, "bo": 3, "cai": 2, "dea": 1})
    assert council.upcoming_seats() == ["R3", "R4"]
    second = run_election(council, "e2", "2032-03-05", {"dea": 2, "eli": 5, "fie": 1})
    assert second["seats_up"] == ["R3", "R4"]
    assert terms(second) == {"eli": 4, "dea": 4}
    assert second["substitutes"] == ["fie"]
    sitting = {m["person_ref"]: m["term_end"] for m in council.active_members("relative")}
    assert sitting == {
        "ann": "2034-03-01",
        "bo": "2034-03-01",
        "eli": "2036-03-05",
        "dea": "2036-03-05",
    }
    assert council.members["m5"]["left_reason"] == "term_ended"  # dea's first term
    # and at the third election the first election's long terms are up
    assert council.upcoming_seats() == ["R1", "R2"]


def test_elections_come_every_two_years() -> None:
    council = new_council(relatives=2)
    run_election(council, "e1", "2030-03-01", {"ann": 1, "bo": 1})
    e = rejects("election_too_early", council.schedule_election, "e2", "2031-03-01", ACTOR)
    assert e.details["due_on"] == "2032-03-01"
    council.schedule_election("e2", "2031-12-15", ACTOR)  # within the grace months
    rejects("election_in_progress", council.schedule_election, "e3", "2032-03-01", ACTOR)


def test_ties_are_broken_by_a_recorded_draw_anyone_can_repeat() -> None:
    votes = {"ann": 2, "bo": 2, "cai": 2, "dea": 2}
    results = []
    for _ in range(2):
        council = new_council(relatives=3)
        results.append(run_election(council, "e1", "2030-03-01", votes, seed=12345))
    first = results[0]
    assert first == results[1]
    assert first["seed"] == 12345
    assert first["ties"] == [["ann", "bo", "cai", "dea"]]
    # the ranking is the draw order, recomputable from the seed alone
    assert first["draw_order"] == er.draw_order(list(votes), 12345)
    ranked = [e["relative_id"] for e in first["elected"]] + first["substitutes"]
    assert ranked == first["draw_order"]
    other = run_election(new_council(relatives=3), "e1", "2030-03-01", votes, seed=99)
    assert other["draw_order"] == er.draw_order(list(votes), 99)


def test_candidates_and_voters_come_from_the_electorate_and_vote_once() -> None:
    council = new_council(relatives=2)
    electorate = ["ann", "bo", "cai"]
    council.schedule_election("e1", "2030-03-01", ACTOR)
    rejects("candidate_not_in_electorate", council.nominate, "e1", "stranger", electorate, ACTOR)
    council.nominate("e1", "ann", electorate, ACTOR)
    rejects("already_candidate", council.nominate, "e1", "ann", electorate, ACTOR)
    rejects("voting_not_open", council.cast_vote, "e1", "bo", "ann", electorate, ACTOR)
    council.open_voting("e1", ACTOR)
    rejects("nominations_closed", council.nominate, "e1", "bo", electorate, ACTOR)
    rejects(
        "voter_not_in_electorate", council.cast_vote, "e1", "stranger", "ann", electorate, ACTOR
    )
    rejects("not_a_candidate", council.cast_vote, "e1", "bo", "cai", electorate, ACTOR)
    council.cast_vote("e1", "bo", "ann", electorate, ACTOR)
    rejects("already_voted", council.cast_vote, "e1", "bo", "ann", electorate, ACTOR)
    result = council.close_election("e1", 1, ACTOR)
    assert result["tally"] == {"ann": 1}
    # one candidate for two seats: the other seat stays vacant and is up next time
    assert [v["seat"] for v in result["vacant"]] == ["R2"]
    assert council.upcoming_seats() == ["R2"]
    rejects("voting_not_open", council.close_election, "e1", 1, ACTOR)
    rejects("election_not_found", council.open_voting, "nope", ACTOR)


def test_an_election_needs_candidates_and_a_sitting_member_cannot_stand() -> None:
    council = new_council(relatives=2)
    run_election(council, "e1", "2030-03-01", {"ann": 2, "bo": 1})
    council.schedule_election("e2", "2032-03-01", ACTOR)
    rejects("no_candidates", council.open_voting, "e2", ACTOR)
    rejects("already_member", council.nominate, "e2", "ann", ["ann"], ACTOR)  # R1 is not up


def test_substitutes_step_in_by_their_order_for_the_rest_of_the_term() -> None:
    council = new_council(relatives=3)
    run_election(council, "e1", "2030-03-01", {"ann": 5, "bo": 4, "cai": 3, "dea": 2, "eva": 1})
    bo = next(m for m in council.active_members() if m["person_ref"] == "bo")
    successor = council.resign(bo["member_id"], "2031-01-01", ACTOR)
    assert successor is not None and successor["relative_id"] == "dea"
    dea = council.members[successor["member_id"]]
    assert (dea["seat"], dea["term_start"], dea["term_end"]) == (
        bo["seat"],
        "2031-01-01",
        bo["term_end"],
    )
    assert council.substitutes == ["eva"]
    rejects("member_not_active", council.resign, bo["member_id"], "2031-01-02", ACTOR)
    ann = next(m for m in council.active_members() if m["person_ref"] == "ann")
    council.resign(ann["member_id"], "2031-02-01", ACTOR)  # eva steps in
    cai = next(m for m in council.active_members() if m["person_ref"] == "cai")
    assert council.resign(cai["member_id"], "2031-03-01", ACTOR) is None  # no one left
    assert council.relative_seats[cai["seat"]]["member_id"] is None


def test_a_vacancy_is_filled_at_the_next_election_for_the_rest_of_its_term() -> None:
    council = new_council(relatives=4)
    run_election(council, "e1", "2030-03-01", {"ann": 4, "bo": 3, "cai": 2, "dea": 1})
    ann = next(m for m in council.active_members() if m["person_ref"] == "ann")
    council.resign(ann["member_id"], "2031-01-01", ACTOR)  # R1 (4-year) vacant, no substitutes
    assert council.upcoming_seats() == ["R1", "R3", "R4"]
    second = run_election(council, "e2", "2032-03-01", {"eli": 3, "fie": 2, "gus": 1})
    by_seat = {e["seat"]: (e["relative_id"], e["term_years"]) for e in second["elected"]}
    # the regular seats get 4 years and go to the most votes; the vacancy gets the 2 left
    assert by_seat == {"R3": ("eli", 4), "R4": ("fie", 4), "R1": ("gus", 2)}
    assert council.upcoming_seats() == ["R1", "R2"]


def test_replaying_the_events_rebuilds_the_same_council() -> None:
    council = new_council(relatives=3)
    run_election(council, "e1", "2030-03-01", {"ann": 3, "bo": 2, "cai": 2, "dea": 1})
    council.resign("m2", "2031-01-01", ACTOR)
    events = council.collect_events()
    copy = None
    for event in events:
        copy = event.mutate(copy)
    assert isinstance(copy, Council)
    assert copy.to_state() == council.to_state()
