"""Wire contracts of topic ``pkraft.cases.v1`` (CloudEvents binary mode, keyed by case id).

Ids and codes only: CPR numbers (and their keyed hashes), names, contact channels and
free text never leave the cases service. A service that must reach a relative asks the
cases API at that moment (``GET /cases/{case_id}/relatives/{relative_id}/contact``).

Version 2 of ``case_opened``, ``relative_added`` and ``relative_updated`` dropped the
personal fields of version 1 (``citizen_ref``; ``display_name``, ``channels`` and the
free-text ``relation``). Version 1
is no longer published; its type still parses (into version 2, dropping those fields) so
records retained from before the change are read without keeping their names.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from shared.contracts.base import Registry, WireEvent, code

TOPIC = "pkraft.cases.v1"
SOURCE = "/pkraft/cases"
LEGAL_ROLES = ("none", "guardian", "lasting_power_of_attorney", "digital_power_of_attorney")
CHANNEL_KINDS = ("email", "phone", "digital_post", "letter")
CONSENT_SCOPES = ("share_information", "invite_to_meetings", "send_messages")
registry = Registry()


class CaseEvent(WireEvent):
    """Fields on every case event."""

    domain: ClassVar[str] = "cases"
    case_id: UUID = Field(description="The collaboration case (also the Kafka key).")
    case_version: int = Field(
        description="Aggregate version after this event; ce_id is case_id:version."
    )
    tilbud_id: str = Field(description="The tilbud (care offer) the case belongs to.")


class CaseOpened(CaseEvent):
    name: ClassVar[str] = "case_opened"
    schema_version: ClassVar[int] = 2
    setting: str = code("Where care is given.", ("nursing_home", "home_care", "residential_offer"))
    planned_move_in: date | None = None


class CaseClosed(CaseEvent):
    name: ClassVar[str] = "case_closed"
    reason: str = code("Why it was closed.", ("moved", "deceased", "transferred", "other"))


class CaseReopened(CaseEvent):
    name: ClassVar[str] = "case_reopened"


class RelativeAdded(CaseEvent):
    name: ClassVar[str] = "relative_added"
    schema_version: ClassVar[int] = 2
    relative_id: str
    legal_role: str = code("The relative's legal standing.", LEGAL_ROLES)
    channel_kinds: list[str] = code(
        "The kinds of contact channel on file; the addresses stay in the cases service.",
        CHANNEL_KINDS,
        many=True,
        default_factory=list,
    )
    preferred_channel: str | None = code("The preferred channel.", CHANNEL_KINDS, default=None)


class RelativeUpdated(CaseEvent):
    name: ClassVar[str] = "relative_updated"
    schema_version: ClassVar[int] = 2
    relative_id: str
    legal_role: str | None = code("The new legal standing, if changed.", LEGAL_ROLES, default=None)
    changed: list[str] = Field(
        default_factory=list,
        description="Which fields changed, by name (name, relation, legal_role, channels, "
        "preferred_channel); personal values are not carried.",
    )
    channel_kinds: list[str] | None = code(
        "The kinds of contact channel on file, when the channels changed.",
        CHANNEL_KINDS,
        many=True,
        default=None,
    )
    preferred_channel: str | None = code("The preferred channel.", CHANNEL_KINDS, default=None)


class RelativeRemoved(CaseEvent):
    name: ClassVar[str] = "relative_removed"
    relative_id: str


class RelativeLinkedToPerson(CaseEvent):
    name: ClassVar[str] = "relative_linked_to_person"
    relative_id: str
    person_id: UUID = Field(
        description="The person this relative entry is (an opaque id a caseworker links "
        "across cases; no CPR): one voter and one possible candidate per tilbud."
    )


class ConsentGranted(CaseEvent):
    name: ClassVar[str] = "consent_granted"
    relative_id: str
    scope: str = code("What the consent covers.", CONSENT_SCOPES)
    form: str = code("How it was given or withdrawn.", ("oral", "written"))


class ConsentWithdrawn(CaseEvent):
    name: ClassVar[str] = "consent_withdrawn"
    relative_id: str
    scope: str
    form: str


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


class SubjectErased(CaseEvent):
    """A data subject's personal data in the cases service was erased (their key destroyed).

    Every consumer drops what it derived about that subject."""

    name: ClassVar[str] = "subject_erased"
    subject_id: str = Field(
        description="citizen:<case id> or relative:<case id>:<relative id>; no personal data."
    )
    subject_kind: str = code("Whose data was erased.", ("citizen", "relative"))
    relative_id: str | None = Field(None, description="The erased relative, when a relative.")
    reason: str = code(
        "Why it was erased.",
        (
            "data_subject_request",
            "retention_expired",
            "consent_withdrawn",
            "unlawful_processing",
            "legal_obligation",
        ),
    )


class ContactPersonAssigned(CaseEvent):
    """The relatives' named contact person was assigned or changed (staff ids only; the
    name stays in the cases service and is read from the contact endpoint)."""

    name: ClassVar[str] = "contact_person_assigned"
    staff_id: str = Field(description="The staff member who is now the contact person.")
    previous_staff_id: str | None = Field(
        None, description="The staff member they replace (null for the first)."
    )


INVOLVEMENT_KINDS = (
    "care_decision",
    "treatment_decision",
    "effort_planning",
    "effort_follow_up",
    "discharge_or_transition",
    "end_of_life",
)


class RelativesInvolved(CaseEvent):
    """Relatives were involved in a decision or an effort in the health area (seed 002)."""

    name: ClassVar[str] = "relatives_involved"
    involvement_id: str
    kind: str = code("What they were involved in.", INVOLVEMENT_KINDS)
    involved_on: date = Field(description="The day it happened (a past date).")
    relative_ids: list[str] = Field(description="The case's relatives who took part.")


for _model in (
    CaseOpened,
    CaseClosed,
    CaseReopened,
    RelativeAdded,
    RelativeUpdated,
    RelativeRemoved,
    RelativeLinkedToPerson,
    ConsentGranted,
    ConsentWithdrawn,
    MoveInConversationScheduled,
    MoveInConversationHeld,
    AgreementMade,
    AgreementKept,
    AgreementBroken,
    LevelAssessed,
    HandlingPlanSet,
    HandlingPlanReviewed,
    LeaderAssigned,
    IncidentReported,
    ComplaintReceived,
    ComplaintFirstContactRecorded,
    ComplaintResolved,
    DialogueNoted,
    HandoverRecorded,
    NetworkRelationRecorded,
    SubjectErased,
    ContactPersonAssigned,
    RelativesInvolved,
):
    registry.register(_model)

# Version 1 of these types carried personal data; they are no longer published. Records
# retained from before parse into version 2, which drops those fields.
for _model in (CaseOpened, RelativeAdded, RelativeUpdated):
    registry.accept_legacy(_model.ce_type().rsplit(".v", 1)[0] + ".v1", _model)
