"""Request bodies of the cases API. Enumerated values are declared as enums in the
OpenAPI, but the domain checks them and answers with a stable code (e.g.
``invalid_setting``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, WithJsonSchema

from services.cases.domain import enums
from services.cases.domain.catalogue import load_catalogue
from shared.http.openapi import one_of

_catalogue = load_catalogue()
Setting = Annotated[str, one_of(enums.Setting)]
CloseReason = Annotated[str, one_of(enums.CloseReason)]
LegalRole = Annotated[str, one_of(enums.LegalRole)]
Channel = Annotated[str, one_of(enums.Channel)]
Channels = Annotated[
    dict[str, str],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"enum": [c.value for c in enums.Channel]},
            "additionalProperties": {"type": "string"},
        }
    ),
]
ConsentScope = Annotated[str, one_of(enums.ConsentScope)]
ConsentForm = Annotated[str, one_of(enums.ConsentForm)]
ChecklistItem = Annotated[str, one_of(_catalogue.checklist_codes())]
Characteristic = Annotated[
    str,
    one_of(
        sorted({c for n in _catalogue.level_numbers() for c in _catalogue.characteristic_codes(n)})
    ),
]
FocusArea = Annotated[str, one_of(_catalogue.all_focus_area_codes())]
IncidentKind = Annotated[str, one_of(enums.IncidentKind)]
IncidentAgainst = Annotated[str, one_of(enums.IncidentAgainst)]
ComplaintOutcome = Annotated[str, one_of(enums.ComplaintOutcome)]
DialogueKind = Annotated[str, one_of(enums.DialogueKind)]
NetworkKind = Annotated[str, one_of(enums.NetworkKind)]
NetworkCategory = Annotated[str, one_of(enums.NetworkCategory)]
CPR_PATTERN = r"^[0-9]{6}-?[0-9]{4}$"


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseCreate(Body):
    cpr: str = Field(
        description="The citizen's CPR number (DDMMYY-SSSS).",
        examples=["0707614285"],
        json_schema_extra={"pattern": CPR_PATTERN},
    )
    tilbud_id: str = Field(min_length=1, max_length=100, examples=["bofaellesskabet-lyngen"])
    setting: Setting = Field(description="nursing_home, home_care or residential_offer.")
    planned_move_in: date | None = None


class CaseClose(Body):
    reason: CloseReason = Field(description="moved, deceased, transferred or other.")
    note: str | None = None


class CaseReopen(Body):
    reason: str


class RelativeCreate(Body):
    relative_id: str | None = Field(None, description="Client-chosen id (idempotent retries).")
    name: str
    relation: str
    legal_role: LegalRole = "none"
    channels: Channels = Field(default_factory=dict, examples=[{"email": "a@example.dk"}])
    preferred_channel: Channel | None = None


class RelativeUpdate(Body):
    name: str | None = None
    relation: str | None = None
    legal_role: LegalRole | None = None
    channels: Channels | None = None
    preferred_channel: Channel | None = None


class RelativeRemove(Body):
    reason: str | None = None


class ConsentChange(Body):
    scope: ConsentScope = Field(
        description="share_information, invite_to_meetings or send_messages."
    )
    form: ConsentForm = Field(description="oral or written.")


class MoveInSchedule(Body):
    conversation_at: AwareDatetime
    location: str | None = None


class AgreementCreate(Body):
    agreement_id: str | None = None
    topic: str
    responsible: str
    due_date: date | None = None


class MoveInHold(Body):
    held_at: AwareDatetime = Field(
        description="When it was held; not in the future (422 time_in_future)."
    )
    covered_items: list[ChecklistItem]
    item_notes: dict[str, str] = Field(default_factory=dict)
    agreements: list[AgreementCreate] = Field(default_factory=list)
    participant_relative_ids: list[str] = Field(default_factory=list)
    citizen_participated: bool = True


class AgreementBreak(Body):
    note: str | None = None


class PlanAction(Body):
    action: str
    owner: str
    due_date: date | None = None


class HandlingPlan(Body):
    focus_areas: list[FocusArea]
    actions: list[PlanAction] = Field(default_factory=list)
    review_date: date


class LevelAssessment(Body):
    level: int = Field(ge=1, le=4, description="The staircase level, 1-4.")
    characteristics: list[Characteristic]
    justification: str
    plan: HandlingPlan | None = None
    leader: str | None = Field(
        None,
        description="The calling leader takes responsibility (role `leader`, naming "
        "themself, else 403 leader_role_required); never replaces another leader "
        "(409 leader_already_assigned).",
    )


class PlanReview(Body):
    notes: str
    next_review_date: date | None = None


class LeaderAssignment(Body):
    leader: str | None = Field(
        None,
        description="Defaults to the calling leader; naming anyone else answers 403 "
        "leader_role_required.",
    )


class IncidentReport(Body):
    incident_id: str | None = None
    kind: IncidentKind = Field(
        description="threat, violence, harassment or press_or_politician_threat."
    )
    against: IncidentAgainst | None = Field(None, description="staff or citizen.")
    occurred_at: AwareDatetime = Field(
        description="Not in the future (beyond a small clock skew: 422 time_in_future)."
    )
    description: str


class ComplaintReceive(Body):
    complaint_id: str | None = None
    received_at: AwareDatetime | None = Field(
        None, description="Defaults to now; not in the future (422 time_in_future)."
    )
    complainant: str = Field(
        description="A relative_id of the case, `citizen` or `other` (else 422 "
        "unknown_complainant)."
    )
    channel: str
    summary: str


class FirstContact(Body):
    contacted_at: AwareDatetime | None = Field(
        None, description="Defaults to now; not in the future (422 time_in_future)."
    )


class ComplaintResolve(Body):
    outcome: ComplaintOutcome = Field(
        description="upheld, partially_upheld, rejected or withdrawn."
    )
    resolution: str


class DialogueNote(Body):
    note_id: str | None = None
    kind: DialogueKind = Field(description="phone, meeting or email.")
    summary: str
    participants: list[str] = Field(default_factory=list)


class Handover(Body):
    deliverables: str
    expectations: str
    legal_differences: list[str] = Field(default_factory=list)


class NetworkRelation(Body):
    relation_id: str | None = None
    kind: NetworkKind = Field(description="new or re_established.")
    category: NetworkCategory = Field(description="volunteer, association, local or family.")
    description: str
