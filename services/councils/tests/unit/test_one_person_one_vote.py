"""One person, one vote: a relative of two citizens at the tilbud (a parent of two
residents) is linked to one person by the caseworker, and counts once."""

from __future__ import annotations

from services.councils.domain.electorate import Electorate
from services.councils.tests.builders import ACTOR, new_council, rejects

PARENT = "0b8a6f3e-5c1d-4e7a-9f20-3d4c5b6a7e81"


def parent_of_two() -> Electorate:
    e = Electorate(tilbud_id="t1")
    e.apply_case_fact("case-a", 1, "opened", None)
    e.apply_case_fact("case-a", 2, "relative_added", "ra")
    e.apply_case_fact("case-b", 1, "opened", None)
    e.apply_case_fact("case-b", 2, "relative_added", "rb")
    e.apply_case_fact("case-b", 3, "relative_added", "other")
    e.apply_case_fact("case-a", 3, "relative_linked_to_person", "ra", person_id=PARENT)
    e.apply_case_fact("case-b", 4, "relative_linked_to_person", "rb", person_id=PARENT)
    return e


def test_the_parent_of_two_residents_is_one_voter() -> None:
    e = parent_of_two()
    assert e.voters() == ["other", "ra", "rb"]
    assert e.persons() == {"ra": PARENT, "rb": PARENT, "other": "other"}
    assert e.size() == 2


def test_a_repeated_link_changes_nothing_and_removal_keeps_the_other_entry() -> None:
    e = parent_of_two()
    assert (
        e.apply_case_fact("case-b", 4, "relative_linked_to_person", "rb", person_id=PARENT) is False
    )
    e.apply_case_fact("case-a", 4, "relative_removed", "ra")
    assert e.persons() == {"rb": PARENT, "other": "other"}
    assert e.size() == 2


def test_the_parent_votes_once_and_stands_once_whichever_entry_is_used() -> None:
    electorate = parent_of_two().persons()
    council = new_council()
    council.schedule_election("e1", "2030-03-01", ACTOR)
    council.nominate("e1", "ra", electorate, ACTOR)
    rejects("person_already_candidate", council.nominate, "e1", "rb", electorate, ACTOR)
    council.nominate("e1", "other", electorate, ACTOR)
    council.open_voting("e1", ACTOR)
    council.cast_vote("e1", "rb", "other", electorate, ACTOR)
    rejects("person_already_voted", council.cast_vote, "e1", "ra", "other", electorate, ACTOR)
    council.cast_vote("e1", "other", "ra", electorate, ACTOR)
    result = council.close_election("e1", 7, ACTOR)
    assert result["tally"] == {"ra": 1, "other": 1}
