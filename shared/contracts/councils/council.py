"""The council: its seats, members, elections and meetings."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, Field

from shared.contracts.base import WireEvent, code


class CouncilEvent(WireEvent):
    """Fields on every council event."""

    domain: ClassVar[str] = "councils"
    council_id: UUID = Field(description="The council (also the Kafka key).")
    council_version: int = Field(description="Aggregate version; ce_id is council_id:version.")
    tilbud_id: str = Field(description="The tilbud the council belongs to.")


class Seats(BaseModel):
    relatives: int
    citizens: int
    staff: int = Field(description="Staff seats, the department head's ex-officio seat included.")


class CouncilFormed(CouncilEvent):
    name: ClassVar[str] = "council_formed"
    kind: str = code(
        "The kind of council.",
        ("relatives_council", "citizen_council", "resident_relatives_council"),
    )
    seats: Seats
    department_head: str = Field(description="User id of the department head (ex officio).")


class SeatsAgreed(CouncilEvent):
    name: ClassVar[str] = "seats_agreed"
    seats: Seats
    centre_head: str
    department_head: str
    agreed_on: date


class MemberJoined(CouncilEvent):
    name: ClassVar[str] = "member_joined"
    member_id: str
    kind: str = code("The kind of seat.", ("relative", "citizen", "staff", "ex_officio"))
    person_ref: str = Field(description="relative_id for relatives, else a user or person id.")
    seat: str
    term_start: date
    term_end: date | None = None
    how: str = code("How the seat was taken.", ("appointed", "elected", "substitute", "ex_officio"))


class MemberLeft(CouncilEvent):
    name: ClassVar[str] = "member_left"
    member_id: str
    left_on: date
    reason: str = code("Why the member left.", ("resigned", "term_ended", "replaced"))
    successor_member_id: str | None = Field(
        None, description="The substitute who stepped into the seat, if any."
    )
    successor_relative_id: str | None = None


class ElectionScheduled(CouncilEvent):
    name: ClassVar[str] = "election_scheduled"
    election_id: str
    held_on: date
    round: int = Field(description="1 for the council's first election, then one every 2 years.")
    seats_up: list[str]


class CandidateNominated(CouncilEvent):
    name: ClassVar[str] = "candidate_nominated"
    election_id: str
    relative_id: str


class VotingOpened(CouncilEvent):
    name: ClassVar[str] = "voting_opened"
    election_id: str


class ElectedMember(BaseModel):
    relative_id: str
    seat: str
    votes: int
    term_start: date
    term_end: date
    term_years: int


class ElectionClosed(CouncilEvent):
    name: ClassVar[str] = "election_closed"
    election_id: str
    elected: list[ElectedMember]
    substitutes: list[str] = Field(description="relative_ids in the order they step in.")
    tally: dict[str, int]
    seed: int = Field(description="Seed of the draw that broke ties (reproducible).")
    draw_order: list[str]


class MeetingScheduled(CouncilEvent):
    name: ClassVar[str] = "meeting_scheduled"
    meeting_id: str
    kind: str = code("The kind of meeting.", ("council_meeting", "relatives_meeting"))
    meeting_at: datetime
    agenda_item_count: int


class MinutesRecorded(CouncilEvent):
    name: ClassVar[str] = "minutes_recorded"
    meeting_id: str
    attendee_count: int
