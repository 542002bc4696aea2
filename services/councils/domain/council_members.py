"""Appointed members, resignations and substitutes (part of ``Council``)."""

from __future__ import annotations

from eventsourcing.domain import event

from services.councils.domain.council_base import CouncilBase, Record
from services.councils.domain.enums import MemberKind
from services.councils.domain.validation import require_iso_date, require_text
from shared.errors import DomainError

APPOINTED = {MemberKind.CITIZEN.value: "citizens", MemberKind.STAFF.value: "staff"}


class MembersPart(CouncilBase):
    """Commands and events about who sits on the council."""

    def appoint_member(
        self,
        kind: str,
        person_ref: str,
        term_start: str,
        term_end: str | None,
        actor: str,
        name: str | None = None,
    ) -> str:
        """Give a citizen or staff seat to a person (relatives' seats are elected); ``name``
        is the member's name as given (personal: stored under the person's own key)."""
        if kind not in APPOINTED:
            raise DomainError(
                "not_an_appointed_seat",
                "Only citizen and staff seats are appointed; relatives are elected.",
                kind=kind,
            )
        person_ref = require_text(person_ref, "person_ref")
        if self.is_member(person_ref):
            raise DomainError("already_member", "The person already holds a seat.")
        if self._count_kind(kind) >= self.seats[APPOINTED[kind]]:
            raise DomainError(
                "no_free_seat", f"Every {kind} seat is taken.", seats=self.seats[APPOINTED[kind]]
            )
        start = require_iso_date(term_start, "term_start")
        end = None if term_end is None else require_iso_date(term_end, "term_end")
        if end is not None and end <= start:
            raise DomainError("term_end_before_start", "The term must end after it starts.")
        member_id = self._next_member_id()
        self._member_appointed(
            member_id=member_id,
            kind=kind,
            person_ref=person_ref,
            term_start=start,
            term_end=end,
            actor=require_text(actor, "actor"),
            name=None if name is None else require_text(name, "name"),
        )
        return member_id

    @event("MemberAppointed")
    def _member_appointed(
        self,
        member_id: str,
        kind: str,
        person_ref: str,
        term_start: str,
        term_end: str | None,
        actor: str,
        name: str | None = None,  # absent from members appointed before names were kept
    ) -> None:
        self.members[member_id] = new_member(
            member_id, kind, person_ref, kind, term_start, term_end, None, name
        )

    def resign(self, member_id: str, on: str, actor: str) -> Record | None:
        """A member leaves; on a relatives' seat the first substitute steps in."""
        member = self._active_member(member_id)
        if member["kind"] == MemberKind.EX_OFFICIO:
            raise DomainError(
                "ex_officio_cannot_resign",
                "The department head is a member ex officio; change the department head.",
            )
        on = require_iso_date(on, "on")
        successor = None
        if member["kind"] == MemberKind.RELATIVE and self.substitutes:
            successor = {"member_id": self._next_member_id(), "relative_id": self.substitutes[0]}
        self._member_resigned(
            member_id=member_id, on=on, successor=successor, actor=require_text(actor, "actor")
        )
        return successor

    @event("MemberResigned")
    def _member_resigned(
        self, member_id: str, on: str, successor: Record | None, actor: str
    ) -> None:
        member = self.members[member_id]
        member.update(active=False, left_on=on, left_reason="resigned")
        if member["kind"] != MemberKind.RELATIVE:
            return
        seat = self.relative_seats[member["seat"]]
        seat["member_id"] = None
        if successor is not None:
            self.substitutes = [s for s in self.substitutes if s != successor["relative_id"]]
            self.members[successor["member_id"]] = new_member(
                successor["member_id"],
                MemberKind.RELATIVE.value,
                successor["relative_id"],
                member["seat"],
                on,
                member["term_end"],
                member["ends_round"],
                self.candidate_name(successor["relative_id"]),
            )
            seat["member_id"] = successor["member_id"]

    def change_department_head(self, person_ref: str, on: str, actor: str) -> None:
        """A new department head takes the ex-officio seat."""
        person_ref = require_text(person_ref, "person_ref")
        if person_ref == self.department_head:
            raise DomainError("same_department_head", "That is the department head already.")
        self._department_head_changed(
            member_id=self._next_member_id(),
            person_ref=person_ref,
            on=require_iso_date(on, "on"),
            actor=require_text(actor, "actor"),
        )

    @event("DepartmentHeadChanged")
    def _department_head_changed(
        self, member_id: str, person_ref: str, on: str, actor: str
    ) -> None:
        for member in self.active_members(MemberKind.EX_OFFICIO):
            member.update(active=False, left_on=on, left_reason="replaced")
        self.department_head = person_ref
        self.members[member_id] = new_member(
            member_id, MemberKind.EX_OFFICIO.value, person_ref, "ex_officio", on, None, None
        )


def new_member(
    member_id: str,
    kind: str,
    person_ref: str,
    seat: str,
    term_start: str,
    term_end: str | None,
    ends_round: int | None,
    name: str | None = None,
) -> Record:
    """A member record as the state holds it."""
    return {
        "member_id": member_id,
        "kind": kind,
        "person_ref": person_ref,
        "name": name,
        "seat": seat,
        "term_start": term_start,
        "term_end": term_end,
        "ends_round": ends_round,
        "active": True,
        "left_on": None,
        "left_reason": None,
    }
