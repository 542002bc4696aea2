"""Plain helpers for the councils tests."""

from __future__ import annotations

from typing import Any

import pytest

from services.councils.domain.council import Council
from shared.errors import DomainError

ACTOR = "admin-1"
FRAME = {"purpose": "Inddrage pårørende", "tasks": "Høringer", "function": "Rådgivende"}
AGREEMENT = {"centre_head": "centre-1", "department_head": "dept-1", "agreed_on": "2030-01-10"}


def new_council(relatives: int = 5, citizens: int = 0, staff: int = 2, **overrides: Any) -> Council:
    args: dict[str, Any] = {
        "tilbud_id": "tilbud-1",
        "kind": "relatives_council",
        "frame": FRAME,
        "seats": {"relatives": relatives, "citizens": citizens, "staff": staff},
        "agreement": AGREEMENT,
        "relatives_council_declined_on": None,
        "actor": ACTOR,
    }
    args.update(overrides)
    return Council.form(**args)


def run_election(
    council: Council,
    election_id: str,
    held_on: str,
    votes: dict[str, int],
    seed: int = 7,
    electorate: list[str] | None = None,
) -> dict[str, Any]:
    """Nominate the candidates in ``votes`` and cast that many votes for each."""
    voters = [f"voter-{election_id}-{i}" for i in range(sum(votes.values()))]
    people = sorted(set(votes) | set(voters) | set(electorate or []))
    council.schedule_election(election_id, held_on, ACTOR)
    for candidate in votes:
        council.nominate(election_id, candidate, people, ACTOR)
    council.open_voting(election_id, ACTOR)
    pool = iter(voters)
    for candidate, count in votes.items():
        for _ in range(count):
            council.cast_vote(election_id, next(pool), candidate, people, ACTOR)
    return council.close_election(election_id, seed, ACTOR)


def rejects(code: str, func: Any, *args: Any, **kwargs: Any) -> DomainError:
    with pytest.raises(DomainError) as info:
        func(*args, **kwargs)
    assert info.value.code == code, info.value.code
    return info.value


def terms(result: dict[str, Any]) -> dict[str, int]:
    """relative_id -> term years of the elected."""
    return {e["relative_id"]: e["term_years"] for e in result["elected"]}
