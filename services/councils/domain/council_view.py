"""Read views of a council, as the API shows them."""

from __future__ import annotations

from typing import Any

from services.councils.domain.council_base import Record
from services.councils.domain.council_privacy import erasure_marks, person_subject


def upcoming_election(council: Any) -> Record:
    """The next election: its round, when it is due and which seats are up."""
    return {
        "round": council.last_round + 1,
        "due_on": council.next_due_on(),
        "seats_up": council.upcoming_seats() if council.relative_seats else [],
        "in_progress": council.current_election,
    }


def election_view(election: Record) -> Record:
    """An election without the list of who voted (the count of voters stays)."""
    view = {k: v for k, v in election.items() if k != "voters"}
    view["votes_cast"] = len(election["voters"])
    if election["status"] != "closed":
        view["tally"] = None
    return view


def marked_members(council: Any, active: bool) -> list[Record]:
    """Members, an erased person's marked ``erasure`` (their name reads as null)."""
    marks = erasure_marks(council)
    found = []
    for m in council.members.values():
        if m["active"] != active:
            continue
        mark = marks.get(person_subject(council.id, m["person_ref"]))
        found.append({**m, "name": None, "erasure": mark} if mark else dict(m))
    return found


def council_state(council: Any) -> dict[str, Any]:
    return {
        "id": council.id,
        "version": council.version,
        "tilbud_id": council.tilbud_id,
        "kind": council.kind,
        "frame": council.frame,
        "seats": council.seats,
        "seat_agreement": council.seat_agreement,
        "relatives_council_declined_on": council.relatives_council_declined_on,
        "department_head": council.department_head,
        "members": marked_members(council, active=True),
        "former_members": marked_members(council, active=False),
        "relative_seats": sorted(council.relative_seats.values(), key=lambda s: int(s["seat"][1:])),
        "substitutes": council.substitutes,
        "upcoming_election": upcoming_election(council),
        "elections": [election_view(e) for e in council.elections.values()],
        "meetings": list(council.meetings.values()),
        "erased_subjects": erasure_marks(council),
    }
