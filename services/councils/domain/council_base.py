"""State shared by the parts of the ``Council`` aggregate, and their read helpers."""

from __future__ import annotations

from typing import Any

from services.councils.domain import election_rules as er
from services.councils.domain.enums import MemberKind
from services.councils.domain.reference import rules
from services.councils.domain.validation import add_years, require_known
from shared.errors import DomainError

Record = dict[str, Any]


class CouncilBase:
    """Declares the council state; the attributes are set by ``Formed``."""

    tilbud_id: str
    kind: str
    frame: dict[str, str]
    seats: dict[str, int]
    seat_agreement: Record
    relatives_council_declined_on: str | None
    department_head: str
    members: dict[str, Record]
    relative_seats: dict[str, Record]
    elections: dict[str, Record]
    current_election: str | None
    last_round: int
    last_election_on: str | None
    substitutes: list[str]
    meetings: dict[str, Record]

    def active_members(self, kind: str | None = None) -> list[Record]:
        """Members currently holding a seat (of ``kind`` when given)."""
        return [
            m for m in self.members.values() if m["active"] and (kind is None or m["kind"] == kind)
        ]

    def is_member(self, person_ref: str) -> bool:
        return any(m["person_ref"] == person_ref for m in self.active_members())

    def next_due_on(self) -> str | None:
        """When the next regular election is due (2 years after the last)."""
        if self.last_election_on is None:
            return None
        return add_years(self.last_election_on, rules().election_interval_years)

    def upcoming_seats(self) -> list[str]:
        """The relatives' seats the next election would fill."""
        return er.seats_up(self.relative_seats, self.last_round + 1)

    def candidate_name(self, relative_id: str) -> str | None:
        """The name a relative was last nominated under (None if none was given)."""
        names = [e.get("candidate_names", {}).get(relative_id) for e in self.elections.values()]
        return next((n for n in reversed(names) if n is not None), None)

    def _next_member_id(self) -> str:
        return f"m{len(self.members) + 1}"

    def _election(self, election_id: str) -> Record:
        require_known(election_id, self.elections, "election")
        return self.elections[election_id]

    def _active_member(self, member_id: str) -> Record:
        require_known(member_id, self.members, "member")
        member = self.members[member_id]
        if not member["active"]:
            raise DomainError("member_not_active", "The member has left the council.")
        return member

    def _count_kind(self, kind: str) -> int:
        count = len(self.active_members(kind))
        if kind == MemberKind.STAFF:
            count += len(self.active_members(MemberKind.EX_OFFICIO))
        return count
