"""The work on a case: move-in, agreements, the collaboration ladder, incidents, complaints."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from shared.contracts.base import code
from shared.contracts.cases.case import CaseEvent


class MoveInConversationScheduled(CaseEvent):
    name: ClassVar[str] = "move_in_conversation_scheduled"
    conversation_at: datetime
    invitee_relative_ids: list[str] = Field(description="Relatives with invitation consent.")
    citizen_invited: bool = True


class MoveInConversationHeld(CaseEvent):
    name: ClassVar[str] = "move_in_conversation_held"
    held_at: datetime
    covered_items: list[str]
    agreement_ids: list[str]
    participant_relative_ids: list[str]
    citizen_participated: bool


class AgreementMade(CaseEvent):
    name: ClassVar[str] = "agreement_made"
    agreement_id: str
    due_date: date | None = None


class AgreementKept(CaseEvent):
    name: ClassVar[str] = "agreement_kept"
    agreement_id: str


class AgreementBroken(CaseEvent):
    name: ClassVar[str] = "agreement_broken"
    agreement_id: str


class LevelAssessed(CaseEvent):
    name: ClassVar[str] = "level_assessed"
    level: int = Field(ge=1, le=4, description="Samarbejdstrappen level 1-4.")
    previous_level: int | None = None
    direction: str = code(
        "The move on the ladder.", ("initial", "escalation", "de_escalation", "unchanged")
    )
    characteristics: list[str] = Field(description="Observed characteristic codes.")
    by_system: bool = Field(description="True when an incident moved the case.")
    incident_id: str | None = None


class HandlingPlanSet(CaseEvent):
    name: ClassVar[str] = "handling_plan_set"
    revision: int
    focus_areas: list[str]
    review_date: date
    action_count: int


class HandlingPlanReviewed(CaseEvent):
    name: ClassVar[str] = "handling_plan_reviewed"
    next_review_date: date | None = None


class LeaderAssigned(CaseEvent):
    name: ClassVar[str] = "leader_assigned"
    leader: str = Field(description="User id of the responsible leader.")


class IncidentReported(CaseEvent):
    name: ClassVar[str] = "incident_reported"
    incident_id: str
    kind: str = code(
        "What happened.", ("threat", "violence", "harassment", "press_or_politician_threat")
    )
    against: str | None = code("Who it was directed against.", ("staff", "citizen"), default=None)
    incident_at: datetime = Field(description="When the incident happened.")


class ComplaintReceived(CaseEvent):
    name: ClassVar[str] = "complaint_received"
    complaint_id: str
    received_at: datetime
    first_contact_deadline: datetime
    complainant: str = Field(description="A relative_id, `citizen` or `other`.")
    channel: str


class ComplaintFirstContactRecorded(CaseEvent):
    name: ClassVar[str] = "complaint_first_contact_recorded"
    complaint_id: str
    contacted_at: datetime


class ComplaintResolved(CaseEvent):
    name: ClassVar[str] = "complaint_resolved"
    complaint_id: str
    outcome: str = code("How it ended.", ("upheld", "partially_upheld", "rejected", "withdrawn"))


class DialogueNoted(CaseEvent):
    name: ClassVar[str] = "dialogue_noted"
    note_id: str
    kind: str = code("Form of the dialogue.", ("phone", "meeting", "email"))


class HandoverRecorded(CaseEvent):
    name: ClassVar[str] = "handover_recorded"
    legal_difference_count: int


class NetworkRelationRecorded(CaseEvent):
    name: ClassVar[str] = "network_relation_recorded"
    relation_id: str
    kind: str = code("New or re-established.", ("new", "re_established"))
    category: str = code("Where it comes from.", ("volunteer", "association", "local", "family"))
