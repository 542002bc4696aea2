"""Request bodies of the cases API. Enumerated values are declared as enums in the
OpenAPI, but the domain checks them and answers with a stable code (e.g.
``invalid_setting``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt, StringConstraints, WithJsonSchema

from services.cases.domain import enums
from services.cases.domain.catalogue import load_catalogue
from shared.http.body import RequestBody
from shared.http.fields import (
    ONE_LINE,
    Code,
    HappenedAt,
    LongText,
    Name,
    NewId,
    PlannedAt,
    PlannedDate,
    Ref,
    ShortText,
)
from shared.http.openapi import one_of

_catalogue = load_catalogue()
Setting = Annotated[Code, one_of(enums.Setting)]
CloseReason = Annotated[Code, one_of(enums.CloseReason)]
LegalRole = Annotated[Code, one_of(enums.LegalRole)]
Channel = Annotated[Code, one_of(enums.Channel)]
Channels = Annotated[
    dict[Channel, Annotated[str, StringConstraints(max_length=320, pattern=ONE_LINE)]],
    Field(max_length=10),
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"enum": [c.value for c in enums.Channel]},
            "additionalProperties": {"type": "string", "maxLength": 320, "pattern": ONE_LINE},
            "maxProperties": 10,
        }
    ),
]
ConsentScope = Annotated[Code, one_of(enums.ConsentScope)]
ConsentForm = Annotated[Code, one_of(enums.ConsentForm)]
ChecklistItem = Annotated[Code, one_of(_catalogue.checklist_codes())]
Characteristic = Annotated[
    str,
    one_of(
        sorted({c for n in _catalogue.level_numbers() for c in _catalogue.characteristic_codes(n)})
    ),
]
FocusArea = Annotated[Code, one_of(_catalogue.all_focus_area_codes())]
IncidentKind = Annotated[Code, one_of(enums.IncidentKind)]
IncidentAgainst = Annotated[Code, one_of(enums.IncidentAgainst)]
ComplaintOutcome = Annotated[Code, one_of(enums.ComplaintOutcome)]
DialogueKind = Annotated[Code, one_of(enums.DialogueKind)]
NetworkKind = Annotated[Code, one_of(enums.NetworkKind)]
NetworkCategory = Annotated[Code, one_of(enums.NetworkCategory)]
CPR_PATTERN = r"^[0-9]{6}-?[0-9]{4}$"


Body = RequestBody  # unknown fields refused; int and bool strict (shared.http.body)


class CaseCreate(Body):
    cpr: Annotated[str, StringConstraints(max_length=11, pattern=CPR_PATTERN)] = Field(
        description="The citizen's CPR number (DDMMYY-SSSS).",
        examples=["0707614285"],
    )
    tilbud_id: Ref = Field(examples=["bofaellesskabet-lyngen"])
    setting: Setting = Field(description="nursing_home, home_care or residential_offer.")
    planned_move_in: PlannedDate | None = None


class CaseClose(Body):
    reason: CloseReason = Field(description="moved, deceased, transferred or other.")
    note: ShortText | None = None


class CaseReopen(Body):
    reason: ShortText


class RelativeCreate(Body):
    relative_id: NewId | None = Field(None, description="Client-chosen id (idempotent retries).")
    name: Name
    relation: Name
    legal_role: LegalRole = "none"
    channels: Channels = Field(default_factory=dict, examples=[{"email": "a@example.dk"}])
    preferred_channel: Channel | None = None


class RelativeUpdate(Body):
    name: Name | None = None
    relation: Name | None = None
    legal_role: LegalRole | None = None
    channels: Channels | None = None
    preferred_channel: Channel | None = None


class RelativeRemove(Body):
    reason: ShortText | None = None


class ConsentChange(Body):
    scope: ConsentScope = Field(
        description="share_information, invite_to_meetings or send_messages."
    )
    form: ConsentForm = Field(description="oral or written.")


class MoveInSchedule(Body):
    conversation_at: PlannedAt
    location: Name | None = None


class AgreementCreate(Body):
    agreement_id: NewId | None = None
    topic: ShortText
    responsible: Name
    due_date: PlannedDate | None = None


class MoveInHold(Body):
    held_at: HappenedAt = Field(
        description="When it was held; not in the future (422 time_in_future)."
    )
    covered_items: list[ChecklistItem] = Field(max_length=100)
    item_notes: dict[ChecklistItem, ShortText] = Field(default_factory=dict)
    agreements: list[AgreementCreate] = Field(default_factory=list, max_length=100)
    participant_relative_ids: list[Ref] = Field(default_factory=list, max_length=100)
    citizen_participated: StrictBool = True


class AgreementBreak(Body):
    note: ShortText | None = None


class PlanAction(Body):
    action: ShortText
    owner: Name
    due_date: PlannedDate | None = None


class HandlingPlan(Body):
    focus_areas: list[FocusArea] = Field(max_length=100)
    actions: list[PlanAction] = Field(default_factory=list, max_length=100)
    review_date: PlannedDate


class LevelAssessment(Body):
    level: StrictInt = Field(ge=1, le=4, description="The staircase level, 1-4.")
    characteristics: list[Characteristic] = Field(max_length=100)
    justification: LongText
    plan: HandlingPlan | None = None
    leader: Ref | None = Field(
        None,
        description="The calling leader takes responsibility (role `leader`, naming "
        "themself, else 403 leader_role_required); never replaces another leader "
        "(409 leader_already_assigned).",
    )


class PlanReview(Body):
    notes: LongText
    next_review_date: PlannedDate | None = None


class LeaderAssignment(Body):
    leader: Ref | None = Field(
        None,
        description="Defaults to the calling leader; naming anyone else answers 403 "
        "leader_role_required.",
    )


class IncidentReport(Body):
    incident_id: NewId | None = None
    kind: IncidentKind = Field(
        description="threat, violence, harassment or press_or_politician_threat."
    )
    against: IncidentAgainst | None = Field(None, description="staff or citizen.")
    occurred_at: HappenedAt = Field(
        description="Not in the future (beyond a small clock skew: 422 time_in_future)."
    )
    description: LongText


class ComplaintReceive(Body):
    complaint_id: NewId | None = None
    received_at: HappenedAt | None = Field(
        None, description="Defaults to now; not in the future (422 time_in_future)."
    )
    complainant: Ref = Field(
        description="A relative_id of the case, `citizen` or `other` (else 422 "
        "unknown_complainant)."
    )
    channel: Name
    summary: LongText


class FirstContact(Body):
    contacted_at: HappenedAt | None = Field(
        None, description="Defaults to now; not in the future (422 time_in_future)."
    )


class ComplaintResolve(Body):
    outcome: ComplaintOutcome = Field(
        description="upheld, partially_upheld, rejected or withdrawn."
    )
    resolution: LongText


class DialogueNote(Body):
    note_id: NewId | None = None
    kind: DialogueKind = Field(description="phone, meeting or email.")
    summary: LongText
    participants: list[Name] = Field(default_factory=list, max_length=100)


class Handover(Body):
    deliverables: LongText
    expectations: LongText
    legal_differences: list[ShortText] = Field(default_factory=list, max_length=100)


class NetworkRelation(Body):
    relation_id: NewId | None = None
    kind: NetworkKind = Field(description="new or re_established.")
    category: NetworkCategory = Field(description="volunteer, association, local or family.")
    description: LongText
