"""Pure rules of the staggered relatives' elections.

Seats are counted in election *rounds* (one every 2 years). A seat's term ends at a
round (``ends_round``); at round ``k`` a seat is up when it is vacant, has never been
filled, or its term ends at ``k``. Filled seats get ``k + 2`` (4 years); a vacancy
keeps its cycle (the rest of the term); seats filled for the first time are split:
the half rounded up get 4 years and the rest 2, so half of the seats are up each time.
The candidates with the most votes take the longest terms. Ties are broken by a draw
that anyone can repeat: the candidate ids, sorted, shuffled by ``random.Random(seed)``.
"""

from __future__ import annotations

import math
import random
from typing import Any

from services.councils.domain.reference import rules

Seat = dict[str, Any]


def seat_name(number: int) -> str:
    return f"R{number}"


def seat_number(name: str) -> int:
    return int(name[1:])


def seats_up(seats: dict[str, Seat], round_: int) -> list[str]:
    """The relatives' seats an election at ``round_`` fills, in seat order."""
    up = [
        name
        for name, seat in seats.items()
        if seat["member_id"] is None or seat["ends_round"] is None or seat["ends_round"] <= round_
    ]
    return sorted(up, key=seat_number)


def plan_terms(seats: dict[str, Seat], up: list[str], round_: int) -> list[tuple[str, int]]:
    """Each seat up with the round its new term ends at, longest terms first."""
    r = rules()
    fresh = [name for name in up if seats[name]["ends_round"] is None]
    long_fresh = set(fresh[: math.ceil(len(fresh) / 2)])
    plan: list[tuple[str, int]] = []
    for name in up:
        ends = seats[name]["ends_round"]
        if ends is None:
            length = r.long_term_rounds if name in long_fresh else r.short_term_rounds
            plan.append((name, round_ + length))
        elif ends <= round_:
            plan.append((name, round_ + r.long_term_rounds))
        else:
            plan.append((name, ends))
    return sorted(plan, key=lambda item: (-item[1], seat_number(item[0])))


def draw_order(candidates: list[str], seed: int) -> list[str]:
    """The reproducible draw: sorted candidate ids shuffled with ``seed``."""
    order = sorted(candidates)
    random.Random(seed).shuffle(order)
    return order


def rank(tally: dict[str, int], seed: int) -> tuple[list[str], list[str]]:
    """Candidates by votes (most first), ties by the draw; also the draw itself."""
    order = draw_order(list(tally), seed)
    position = {candidate: i for i, candidate in enumerate(order)}
    ranking = sorted(tally, key=lambda c: (-tally[c], position[c]))
    return ranking, order


def tied_groups(tally: dict[str, int]) -> list[list[str]]:
    """Groups of candidates with equal votes (the draw decided their order)."""
    by_votes: dict[int, list[str]] = {}
    for candidate, votes in tally.items():
        by_votes.setdefault(votes, []).append(candidate)
    return [sorted(group) for _, group in sorted(by_votes.items(), reverse=True) if len(group) > 1]


def term_years(rounds: int) -> int:
    return rounds * rules().round_years
