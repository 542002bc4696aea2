"""Wire contracts of topic ``pkraft.councils.v1`` (CloudEvents binary mode).

Keyed by the aggregate id (council, pool or follow group); ``ce_id`` is
``<aggregate id>:<version>``. Free text (frame, minutes, activities, reasons) and single
votes never leave the councils service; people appear only by their reference ids.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, Field

from shared.contracts.base import Registry, WireEvent, code

TOPIC = "pkraft.councils.v1"
SOURCE = "/pkraft/councils"
registry = Registry()


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


class PoolEvent(WireEvent):
    """Fields on every participant-budget pool event."""

    domain: ClassVar[str] = "councils"
    pool_id: UUID = Field(description="The pool (also the Kafka key).")
    pool_version: int
    year: int


class PoolOpened(PoolEvent):
    name: ClassVar[str] = "pool_opened"
    amount_kr: int


class BudgetApplied(PoolEvent):
    name: ClassVar[str] = "budget_applied"
    application_id: str
    council_id: UUID
    amount_kr: int
    initiator_ids: list[str] = Field(description="relative_ids of the initiating relatives.")


class PoolDecision(PoolEvent):
    """A decision for the follow group; ``actor`` is the user id of who decided."""

    decided_as: str | None = code(
        "`member` (a current follow-group member) or `leader` (a leader acting for the "
        "group); null on events recorded before this field existed.",
        ("member", "leader"),
        default=None,
    )
    decided_by_member_id: str | None = Field(
        None, description="The decider's follow-group member id; null when a leader acted."
    )


class BudgetGranted(PoolDecision):
    name: ClassVar[str] = "budget_granted"
    application_id: str
    amount_kr: int


class BudgetRejected(PoolDecision):
    name: ClassVar[str] = "budget_rejected"
    application_id: str


class BudgetDisbursed(PoolDecision):
    name: ClassVar[str] = "budget_disbursed"
    application_id: str
    amount_kr: int


class SpendingReported(PoolEvent):
    name: ClassVar[str] = "spending_reported"
    application_id: str
    spent_kr: int


class ActivityHeld(PoolEvent):
    """A granted budget's activity took place; the unspent part returned to the pool
    (the report is free text and stays in the councils service)."""

    name: ClassVar[str] = "activity_held"
    application_id: str
    tilbud_id: str
    held_on: date
    relatives_count: int = Field(ge=0)
    residents_count: int = Field(ge=0)
    staff_count: int = Field(ge=0)
    cost_kr: int = Field(ge=0)
    returned_kr: int = Field(ge=0)


class CodeOfConductEvent(WireEvent):
    """Fields on every code-of-conduct (kodeks) event."""

    domain: ClassVar[str] = "councils"
    code_of_conduct_id: UUID = Field(description="The code of conduct (also the Kafka key).")
    code_of_conduct_version: int


class CodeOfConductAdopted(CodeOfConductEvent):
    """The follow group adopted a new version (its text stays in the councils service)."""

    name: ClassVar[str] = "code_of_conduct_adopted"
    version_number: int = Field(ge=1)
    adopted_on: date
    decided_as: str | None = code(
        "Whether a follow-group member or a leader decided.", ("member", "leader"), default=None
    )
    decided_by_member_id: str | None = None


class CodeOfConductAcknowledged(CodeOfConductEvent):
    """A member of staff or a relative acknowledged a version, by id."""

    name: ClassVar[str] = "code_of_conduct_acknowledged"
    version_number: int = Field(ge=1)
    person_kind: str = code("Who acknowledged.", ("staff", "relative"))
    person_id: str = Field(description="The staff user id or the relative id.")
    tilbud_id: str
    acknowledged_on: date


class LeaderHiringEvent(WireEvent):
    """Fields on every leader-hiring event (one stream per citizen centre)."""

    domain: ClassVar[str] = "councils"
    leader_hirings_id: UUID = Field(description="The centre's hirings (also the Kafka key).")
    leader_hirings_version: int


class LeaderHiringRecorded(LeaderHiringEvent):
    """A leader was hired at a citizen centre; how relatives took part (counts)."""

    name: ClassVar[str] = "leader_hiring_recorded"
    centre_id: str
    hiring_id: str
    position: str = code(
        "The position hired.",
        ("centre_head", "tilbud_leader", "deputy_leader", "team_leader", "other"),
    )
    hired_on: date
    relatives_focus_group: int = Field(ge=0, description="Relatives in a focus group before.")
    relatives_hiring_committee: int = Field(ge=0, description="Relatives on the committee.")
    relatives_other: int = Field(ge=0, description="Relatives taking part in another way.")
    decided_by: str = Field(description="The staff id of the department or centre head.")


class TrainingEvent(WireEvent):
    """Fields on every training event (one stream for the programme)."""

    domain: ClassVar[str] = "councils"
    training_id: UUID = Field(description="The programme's training (also the Kafka key).")
    training_version: int


class TrainingParticipant(BaseModel):
    """A participant of a session, by staff id and tilbud."""

    staff_id: str
    tilbud_id: str


class TrainingSessionHeld(TrainingEvent):
    """A course session on relatives' collaboration was held; participants by id."""

    name: ClassVar[str] = "training_session_held"
    session_id: str
    course: str = code("The course.", ("relatives_collaboration",))
    audience: str = code("Who the session was for.", ("leaders", "staff"))
    held_on: date
    participants: list[TrainingParticipant]


class StaffOnboarded(TrainingEvent):
    """A member of staff was onboarded, including the expectations."""

    name: ClassVar[str] = "staff_onboarded"
    staff_id: str
    tilbud_id: str
    onboarded_on: date


class FollowGroupEvent(WireEvent):
    domain: ClassVar[str] = "councils"
    follow_group_id: UUID
    follow_group_version: int


class FollowGroupMemberAdded(FollowGroupEvent):
    name: ClassVar[str] = "follow_group_member_added"
    member_id: str
    person_ref: str
    role: str = code("The member's role.", ("relative", "staff", "leader", "organisation"))


class FollowGroupMemberRemoved(FollowGroupEvent):
    name: ClassVar[str] = "follow_group_member_removed"
    member_id: str


for _model in (
    CouncilFormed,
    SeatsAgreed,
    MemberJoined,
    MemberLeft,
    ElectionScheduled,
    CandidateNominated,
    VotingOpened,
    ElectionClosed,
    MeetingScheduled,
    MinutesRecorded,
    PoolOpened,
    BudgetApplied,
    BudgetGranted,
    BudgetRejected,
    BudgetDisbursed,
    SpendingReported,
    ActivityHeld,
    CodeOfConductAdopted,
    CodeOfConductAcknowledged,
    LeaderHiringRecorded,
    TrainingSessionHeld,
    StaffOnboarded,
    FollowGroupMemberAdded,
    FollowGroupMemberRemoved,
):
    registry.register(_model)
