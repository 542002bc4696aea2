"""The ``Council`` aggregate: one council per tilbud (seed 004).

A relatives' council, a citizen council (where competent citizens decline a relatives'
council; relatives then meet in relatives' meetings during the year) or a
resident-relatives council. The seat numbers are agreed locally between centre head
and department head; the department head holds an ex-officio seat, counted among the
staff seats. The class is assembled from parts (members, elections, meetings).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.councils.domain import council_view
from services.councils.domain.council_base import Record
from services.councils.domain.council_elections import ElectionsPart
from services.councils.domain.council_meetings import MeetingsPart
from services.councils.domain.council_members import MembersPart, new_member
from services.councils.domain.council_privacy import ErasablePart, parse_subject
from services.councils.domain.election_rules import seat_name, seat_number
from services.councils.domain.enums import CouncilKind, MemberKind
from services.councils.domain.validation import (
    MAX_SEATS,
    require_count,
    require_enum,
    require_iso_date,
    require_text,
)
from shared.aggregate_parts import AssembledFromParts
from shared.errors import DomainError

NAMESPACE = UUID("5b0f63a4-8f55-4c1e-9a3e-2d0c1c6f7e21")
"""Namespace of the deterministic council ids; never change it (ids are stored)."""

FRAME_FIELDS = ("purpose", "tasks", "function")


def check_seats(kind: str, seats: dict[str, Any]) -> dict[str, int]:
    """Seat numbers that fit the council's kind and leave room for the ex-officio seat."""
    clean = {
        k: require_count(seats.get(k, 0), f"seats.{k}", maximum=MAX_SEATS)
        for k in ("relatives", "citizens", "staff")
    }
    if clean["staff"] < 1:
        raise DomainError(
            "seats_below_ex_officio",
            "The staff seats include the department head's ex-officio seat: at least 1.",
        )
    if kind != CouncilKind.CITIZEN_COUNCIL and clean["relatives"] < 1:
        raise DomainError("no_relative_seats", "This council needs relatives' seats.")
    if kind != CouncilKind.RELATIVES_COUNCIL and clean["citizens"] < 1:
        raise DomainError("no_citizen_seats", "This council needs citizens' seats.")
    if kind == CouncilKind.CITIZEN_COUNCIL and clean["relatives"]:
        raise DomainError(
            "citizen_council_has_no_relative_seats",
            "A citizen council has no relatives' seats; relatives meet in relatives' meetings.",
        )
    return clean


def check_agreement(centre_head: str, department_head: str, agreed_on: str) -> Record:
    return {
        "centre_head": require_text(centre_head, "centre_head"),
        "department_head": require_text(department_head, "department_head"),
        "agreed_on": require_iso_date(agreed_on, "agreed_on"),
    }


def check_frame(frame: dict[str, Any]) -> dict[str, str]:
    return {k: require_text(frame.get(k), f"frame.{k}") for k in FRAME_FIELDS}


class Council(
    Aggregate,
    MembersPart,
    ElectionsPart,
    MeetingsPart,
    ErasablePart,
    metaclass=AssembledFromParts,
):
    """A council with its frame, agreed seats, members and terms, elections and meetings."""

    @staticmethod
    def create_id(tilbud_id: str) -> UUID:
        """Deterministic id: one council per tilbud."""
        return uuid5(NAMESPACE, f"council|{tilbud_id}")

    @classmethod
    def form(
        cls,
        *,
        tilbud_id: str,
        kind: str,
        frame: dict[str, Any],
        seats: dict[str, Any],
        agreement: dict[str, Any],
        relatives_council_declined_on: str | None,
        actor: str,
    ) -> Council:
        """Form the council; the department head who agreed the seats sits ex officio."""
        kind = require_enum(CouncilKind, kind, "invalid_council_kind", "kind")
        declined = None
        if kind == CouncilKind.CITIZEN_COUNCIL:
            if relatives_council_declined_on is None:
                raise DomainError(
                    "declined_date_required",
                    "A citizen council is formed when the citizens decline a relatives' "
                    "council: give the date they declined.",
                )
            declined = require_iso_date(relatives_council_declined_on, "declined_on")
        return cls(
            tilbud_id=require_text(tilbud_id, "tilbud_id"),
            kind=kind,
            frame=check_frame(frame),
            seats=check_seats(kind, seats),
            agreement=check_agreement(**agreement),
            relatives_council_declined_on=declined,
            actor=require_text(actor, "actor"),
        )

    @event("Formed")
    def __init__(
        self,
        *,
        tilbud_id: str,
        kind: str,
        frame: dict[str, str],
        seats: dict[str, int],
        agreement: Record,
        relatives_council_declined_on: str | None,
        actor: str,
    ) -> None:
        self.tilbud_id = tilbud_id
        self.kind = kind
        self.frame = dict(frame)
        self.seats = dict(seats)
        self.seat_agreement = dict(agreement)
        self.relatives_council_declined_on = relatives_council_declined_on
        self.department_head = agreement["department_head"]
        self.members = {
            "m1": new_member(
                "m1",
                MemberKind.EX_OFFICIO.value,
                agreement["department_head"],
                "ex_officio",
                agreement["agreed_on"],
                None,
                None,
            )
        }
        self.relative_seats = {}
        self._resize_relative_seats(seats["relatives"])
        self.elections = {}
        self.current_election = None
        self.last_round = 0
        self.last_election_on = None
        self.substitutes = []
        self.meetings = {}

    def forget(self, subject_id: str) -> None:
        """A person's names, or the council's free text, are dropped from the state."""
        kind, _, ref = parse_subject(subject_id)
        if kind == "person":
            for member in self.members.values():
                if member["person_ref"] == ref:
                    member["name"] = None
            for election in self.elections.values():
                names = election.get("candidate_names", {})
                if ref in names:
                    names[ref] = None
            return
        for meeting in self.meetings.values():
            meeting["agenda"] = [None for _ in meeting["agenda"]]
            meeting["minutes"] = None

    def __repr__(self) -> str:
        return f"Council(id={self.id!s}, version={self.version})"

    def change_frame(self, frame: dict[str, Any], actor: str) -> None:
        """Fill in the local frame: purpose, tasks and function."""
        self._frame_changed(frame=check_frame(frame), actor=require_text(actor, "actor"))

    @event("FrameChanged")
    def _frame_changed(self, frame: dict[str, str], actor: str) -> None:
        self.frame = dict(frame)

    def agree_seats(self, seats: dict[str, Any], agreement: dict[str, Any], actor: str) -> None:
        """Record new seat numbers as agreed by centre head and department head."""
        clean = check_seats(self.kind, seats)
        occupied = [
            seat_number(name)
            for name, seat in self.relative_seats.items()
            if seat["member_id"] is not None
        ]
        if occupied and clean["relatives"] < max(occupied):
            raise DomainError(
                "seats_below_occupied",
                "A relatives' seat to remove is occupied.",
                highest=max(occupied),
            )
        for kind, key in ((MemberKind.CITIZEN, "citizens"), (MemberKind.STAFF, "staff")):
            if clean[key] < self._count_kind(kind):
                raise DomainError("seats_below_occupied", f"More {key} sit than the new number.")
        if self.current_election is not None:
            raise DomainError("election_in_progress", "Change the seats between elections.")
        self._seats_agreed(
            seats=clean, agreement=check_agreement(**agreement), actor=require_text(actor, "actor")
        )

    @event("SeatsAgreed")
    def _seats_agreed(self, seats: dict[str, int], agreement: Record, actor: str) -> None:
        self.seats = dict(seats)
        self.seat_agreement = dict(agreement)
        self._resize_relative_seats(seats["relatives"])

    def _resize_relative_seats(self, count: int) -> None:
        for number in range(1, count + 1):
            self.relative_seats.setdefault(
                seat_name(number),
                {"seat": seat_name(number), "member_id": None, "ends_round": None},
            )
        for name in [n for n in self.relative_seats if seat_number(n) > count]:
            del self.relative_seats[name]

    def to_state(self) -> dict[str, Any]:
        """The whole current state as a JSON-serialisable dict."""
        return council_view.council_state(self)
