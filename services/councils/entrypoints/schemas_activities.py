"""Request and response models of the activities held with participant budgets."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field, StrictInt, StringConstraints

from services.councils.domain.pool_activities import MAX_PARTICIPANTS
from services.councils.domain.validation import MAX_KR
from services.councils.entrypoints.schemas import Body
from shared.http.fields import MULTI_LINE, PastDate

Count = Field(default=0, ge=0, le=MAX_PARTICIPANTS)


class Participants(Body):
    relatives: StrictInt = Count
    residents: StrictInt = Count
    staff: StrictInt = Count


class ActivityCreate(Body):
    held_on: PastDate = Field(description="The day the activity took place.")
    participants: Participants
    cost: StrictInt = Field(ge=0, le=MAX_KR, description="Kroner it cost (at most the grant).")
    report: Annotated[
        str, StringConstraints(min_length=1, max_length=4_000, pattern=MULTI_LINE)
    ] = Field(description="A short report.")


class ActivityPublic(BaseModel):
    """One activity held (the inspiration list): ids, date, counts and amounts."""

    application_id: str
    council_id: UUID
    tilbud_id: str
    held_on: date
    participants: dict[str, int]
    granted: int
    cost: int
    returned: int


class ActivityReport(ActivityPublic):
    """An activity with its report (free text: the read is logged)."""

    report: str | None
