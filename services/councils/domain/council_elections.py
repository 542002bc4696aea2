"""Staggered elections to the relatives' seats (part of ``Council``).

An election is scheduled, takes candidates from the electorate, opens voting (each
voter once, for one candidate) and closes with a recorded draw seed; the result names
the elected with their seats and terms and the substitutes in order.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from eventsourcing.domain import Aggregate, event

from services.councils.domain import election_rules as er
from services.councils.domain.council_base import CouncilBase, Record
from services.councils.domain.council_members import new_member
from services.councils.domain.enums import ElectionStatus, MemberKind
from services.councils.domain.reference import rules
from services.councils.domain.validation import (
    add_months,
    add_years,
    require_iso_date,
    require_new_id,
    require_text,
)
from shared.errors import DomainError


class ElectionsPart(CouncilBase):
    """Commands and events of the relatives' elections."""

    def schedule_election(self, election_id: str, held_on: str, actor: str) -> None:
        """Schedule the next election; it fills the seats up at its round."""
        if not self.relative_seats:
            raise DomainError("no_relative_seats", "The council has no relatives' seats.")
        if self.current_election is not None:
            raise DomainError(
                "election_in_progress",
                "An election is already under way.",
                election_id=self.current_election,
            )
        election_id = require_new_id(election_id, self.elections, "election_exists", "election_id")
        held_on = require_iso_date(held_on, "held_on")
        due = self.next_due_on()
        if due is not None and held_on < add_months(due, -rules().election_grace_months):
            raise DomainError(
                "election_too_early",
                "Elections are held every 2 years; the next one is due later.",
                due_on=due,
            )
        up = self.upcoming_seats()
        if not up:
            raise DomainError("no_seats_up", "No relatives' seat is up for election.")
        self._election_scheduled(
            election_id=election_id,
            held_on=held_on,
            round=self.last_round + 1,
            seats_up=up,
            actor=require_text(actor, "actor"),
        )

    @event("ElectionScheduled")
    def _election_scheduled(
        self, election_id: str, held_on: str, round: int, seats_up: list[str], actor: str
    ) -> None:
        self.elections[election_id] = {
            "election_id": election_id,
            "held_on": held_on,
            "round": round,
            "seats_up": list(seats_up),
            "status": ElectionStatus.NOMINATING.value,
            "candidates": [],
            "voters": [],
            "tally": {},
            "result": None,
        }
        self.current_election = election_id

    def nominate(
        self,
        election_id: str,
        relative_id: str,
        electorate: Collection[str],
        actor: str,
        name: str | None = None,
    ) -> None:
        """Put a relative from the electorate up as a candidate, with the name given at
        nomination (personal: stored under the person's own key)."""
        election = self._election(election_id)
        if election["status"] != ElectionStatus.NOMINATING:
            raise DomainError("nominations_closed", "Candidates can no longer be nominated.")
        relative_id = require_text(relative_id, "relative_id")
        if relative_id not in electorate:
            raise DomainError(
                "candidate_not_in_electorate",
                "Candidates must be relatives of a citizen with an open case at the tilbud.",
            )
        if relative_id in election["candidates"]:
            raise DomainError("already_candidate", "The relative is a candidate already.")
        if _same_person(relative_id, election["candidates"], electorate):
            raise DomainError(
                "person_already_candidate",
                "The person is a candidate already through another relative entry.",
            )
        up = er.seats_up(self.relative_seats, election["round"])
        if any(
            m["person_ref"] == relative_id and m["seat"] not in up for m in self.active_members()
        ):
            raise DomainError("already_member", "The relative holds a seat that is not up.")
        self._candidate_nominated(
            election_id=election_id,
            relative_id=relative_id,
            actor=require_text(actor, "actor"),
            name=None if name is None else require_text(name, "name"),
        )

    class CandidateNominated(Aggregate.Event):
        """A relative stands for election. Version 2 added ``name`` (the name they stand
        under, personal data); events stored before it are read with ``name`` None."""

        class_version = 2
        election_id: str
        relative_id: str
        actor: str
        name: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["name"] = None

    @event(CandidateNominated)
    def _candidate_nominated(
        self, election_id: str, relative_id: str, actor: str, name: str | None
    ) -> None:
        election = self.elections[election_id]
        election["candidates"].append(relative_id)
        election["tally"][relative_id] = 0
        election.setdefault("candidate_names", {})[relative_id] = name

    def open_voting(self, election_id: str, actor: str) -> None:
        """Close nominations and open voting."""
        election = self._election(election_id)
        if election["status"] != ElectionStatus.NOMINATING:
            raise DomainError("voting_already_opened", "Voting has been opened already.")
        if not election["candidates"]:
            raise DomainError("no_candidates", "An election needs at least one candidate.")
        self._voting_opened(election_id=election_id, actor=require_text(actor, "actor"))

    @event("VotingOpened")
    def _voting_opened(self, election_id: str, actor: str) -> None:
        self.elections[election_id]["status"] = ElectionStatus.VOTING.value

    def cast_vote(
        self,
        election_id: str,
        voter_id: str,
        candidate_id: str,
        electorate: Collection[str],
        actor: str,
    ) -> None:
        """Record one voter's vote for one candidate."""
        election = self._election(election_id)
        if election["status"] != ElectionStatus.VOTING:
            raise DomainError("voting_not_open", "Voting is not open in this election.")
        voter_id = require_text(voter_id, "voter_id")
        if voter_id not in electorate:
            raise DomainError(
                "voter_not_in_electorate",
                "Only relatives of a citizen with an open case at the tilbud can vote.",
            )
        if voter_id in election["voters"]:
            raise DomainError("already_voted", "Each voter votes once per election.")
        if _same_person(voter_id, election["voters"], electorate):
            raise DomainError(
                "person_already_voted",
                "The person has voted already through another relative entry.",
            )
        if candidate_id not in election["tally"]:
            raise DomainError("not_a_candidate", "The vote must go to a nominated candidate.")
        self._vote_cast(
            election_id=election_id,
            voter_id=voter_id,
            candidate_id=candidate_id,
            actor=require_text(actor, "actor"),
        )

    @event("VoteCast")
    def _vote_cast(self, election_id: str, voter_id: str, candidate_id: str, actor: str) -> None:
        election = self.elections[election_id]
        election["voters"].append(voter_id)
        election["tally"][candidate_id] += 1

    def close_election(self, election_id: str, seed: int, actor: str) -> Record:
        """Count the votes: elected with seats and terms, substitutes in order."""
        election = self._election(election_id)
        if election["status"] != ElectionStatus.VOTING:
            raise DomainError("voting_not_open", "Only an election in its voting phase closes.")
        result = self._count(election, seed)
        self._election_closed(election_id=election_id, result=result, actor=actor)
        return result

    def _count(self, election: Record, seed: int) -> Record:
        round_, held_on = election["round"], election["held_on"]
        up = er.seats_up(self.relative_seats, round_)
        plan = er.plan_terms(self.relative_seats, up, round_)
        ranking, draw = er.rank(election["tally"], seed)
        elected: list[dict[str, Any]] = []
        next_id = len(self.members) + 1
        for (seat, ends_round), relative_id in zip(plan, ranking, strict=False):
            years = er.term_years(ends_round - round_)
            elected.append(
                {
                    "member_id": f"m{next_id}",
                    "relative_id": relative_id,
                    "seat": seat,
                    "votes": election["tally"][relative_id],
                    "term_start": held_on,
                    "term_end": add_years(held_on, years),
                    "term_years": years,
                    "ends_round": ends_round,
                }
            )
            next_id += 1
        filled = {e["seat"] for e in elected}
        return {
            "seed": seed,
            "draw_order": draw,
            "ties": er.tied_groups(election["tally"]),
            "tally": dict(election["tally"]),
            "seats_up": up,
            "elected": elected,
            "substitutes": ranking[len(elected) :],
            "vacant": [{"seat": s, "ends_round": e} for s, e in plan if s not in filled],
        }

    @event("ElectionClosed")
    def _election_closed(self, election_id: str, result: Record, actor: str) -> None:
        election = self.elections[election_id]
        election.update(status=ElectionStatus.CLOSED.value, result=result)
        for seat_name in result["seats_up"]:
            seat = self.relative_seats[seat_name]
            if seat["member_id"] is not None:
                self.members[seat["member_id"]].update(
                    active=False, left_on=election["held_on"], left_reason="term_ended"
                )
            seat["member_id"] = None
        for vacancy in result["vacant"]:
            self.relative_seats[vacancy["seat"]]["ends_round"] = vacancy["ends_round"]
        for e in result["elected"]:
            self.members[e["member_id"]] = new_member(
                e["member_id"],
                MemberKind.RELATIVE.value,
                e["relative_id"],
                e["seat"],
                e["term_start"],
                e["term_end"],
                e["ends_round"],
                election.get("candidate_names", {}).get(e["relative_id"]),
            )
            self.relative_seats[e["seat"]].update(
                member_id=e["member_id"], ends_round=e["ends_round"]
            )
        self.substitutes = list(result["substitutes"])
        self.current_election = None
        self.last_round = election["round"]
        self.last_election_on = election["held_on"]


def _same_person(relative_id: str, others: list[str], electorate: Collection[str]) -> bool:
    """Whether one of ``others`` is the same person as ``relative_id``: the electorate,
    when it maps relative entries to persons, links them (one person, one vote)."""
    if not isinstance(electorate, Mapping):
        return False
    person = electorate.get(relative_id, relative_id)
    return any(electorate.get(o, o) == person for o in others)
