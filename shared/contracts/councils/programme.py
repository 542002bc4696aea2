"""The programme around the councils: code of conduct, leader hirings, training and the
follow group."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, Field

from shared.contracts.base import WireEvent, code


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
