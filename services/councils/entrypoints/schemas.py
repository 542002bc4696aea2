"""Request and response bodies of the councils API. Enumerated values are declared as
enums in the OpenAPI, but the domain checks them and answers with a stable code (e.g.
``invalid_council_kind``)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from services.councils.domain.enums import CouncilKind, FollowGroupRole, MeetingKind, MemberKind
from services.councils.domain.validation import MAX_KR, MAX_SEATS, MAX_YEAR, MIN_YEAR
from shared.http.body import RequestBody
from shared.http.fields import (
    Code,
    LongText,
    Name,
    NewId,
    PastDate,
    PlannedAt,
    PlannedDate,
    Ref,
    ShortText,
)
from shared.http.openapi import one_of

# Every integer the API takes is bounded (beyond: 422 ``invalid_request``) by the
# domain's bounds, so no absurd number reaches the store or a consumer.


Body = RequestBody  # unknown fields refused; int and bool strict (shared.http.body)


class Frame(Body):
    purpose: LongText
    tasks: LongText
    function: LongText


class SeatNumbers(Body):
    relatives: StrictInt = Field(0, ge=0, le=MAX_SEATS)
    citizens: StrictInt = Field(0, ge=0, le=MAX_SEATS)
    staff: StrictInt = Field(
        1,
        ge=0,
        le=MAX_SEATS,
        description="Staff seats, the department head's ex-officio seat included.",
    )


class Agreement(Body):
    centre_head: Ref = Field(description="User id of the centre head who agreed the seats.")
    department_head: Ref = Field(description="User id of the department head (sits ex officio).")
    agreed_on: PastDate


class CouncilCreate(Body):
    tilbud_id: Ref
    kind: Annotated[Code, one_of(CouncilKind)] = Field(
        description="relatives_council, citizen_council or resident_relatives_council."
    )
    frame: Frame
    seats: SeatNumbers
    agreement: Agreement
    relatives_council_declined_on: PastDate | None = Field(
        None, description="For a citizen council: when the citizens declined a relatives' council."
    )


class SeatsChange(Body):
    seats: SeatNumbers
    agreement: Agreement


class MemberAppoint(Body):
    kind: Annotated[Code, one_of([MemberKind.CITIZEN, MemberKind.STAFF])] = Field(
        description="citizen or staff (relatives are elected)."
    )
    person_ref: Ref = Field(
        description="An id of the person (a user id, a relative id or a reference), not "
        "their name: it is stored in clear."
    )
    name: Name | None = Field(
        None,
        description="The member's name as given (personal data: stored encrypted under the "
        "person's own key, erasable).",
    )
    term_start: PlannedDate
    term_end: PlannedDate | None = None


class Resignation(Body):
    on: PlannedDate


class DepartmentHeadChange(Body):
    person_ref: Ref
    on: PlannedDate


class ElectionCreate(Body):
    election_id: NewId | None = Field(None, description="Client-chosen id (idempotent retries).")
    held_on: PlannedDate


class Nomination(Body):
    relative_id: Ref
    name: Name | None = Field(
        None,
        description="The candidate's name as given at nomination (personal data: stored "
        "encrypted under the person's own key, erasable; shown on the candidate list).",
    )


class Vote(Body):
    voter_id: Ref = Field(description="relative_id of the voter.")
    candidate_id: Ref = Field(description="relative_id of the candidate.")


class MeetingCreate(Body):
    meeting_id: NewId | None = None
    kind: Annotated[Code, one_of(MeetingKind)] = Field(
        description="council_meeting or relatives_meeting."
    )
    at: PlannedAt
    agenda: list[ShortText] = Field(default_factory=list, max_length=100)


class Minutes(Body):
    minutes: LongText
    attendees: list[Ref] = Field(max_length=200, description="person_refs of those who attended.")


class PoolCreate(Body):
    year: StrictInt = Field(ge=MIN_YEAR, le=MAX_YEAR)
    amount: StrictInt | None = Field(
        None, ge=1, le=MAX_KR, description="Kroner; default 100,000 (configurable)."
    )


class BudgetApplication(Body):
    application_id: NewId | None = None
    council_id: UUID
    activity: ShortText
    amount: StrictInt = Field(ge=1, le=MAX_KR, description="Kroner applied for.")
    initiators: list[Ref] = Field(
        max_length=100, description="relative_ids of the relatives who initiate it."
    )


class Grant(Body):
    amount: StrictInt | None = Field(
        None, ge=1, le=MAX_KR, description="Kroner; omit to grant in full."
    )


class Rejection(Body):
    reason: ShortText


class Spending(Body):
    spent: StrictInt = Field(ge=0, le=MAX_KR, description="Kroner the activity cost.")


class FollowGroupCreate(Body):
    name: Name


class FollowGroupMemberCreate(Body):
    member_id: NewId | None = None
    person_ref: Ref
    role: Annotated[Code, one_of(FollowGroupRole)] = Field(
        description="relative, staff, leader or organisation."
    )


class CommandAccepted(BaseModel):
    """A command was recorded: the aggregate and its version after it (also the ETag)."""

    id: UUID
    version: int
    result: Any = None


class StatePublic(BaseModel):
    """The current state of an aggregate, with its version."""

    model_config = ConfigDict(extra="allow")

    id: UUID
    version: int


class ElectoratePublic(BaseModel):
    """Who may vote and stand at the tilbud's elections."""

    tilbud_id: str
    size: int
    relative_ids: list[str]
