"""The relatives' named contact person, and relatives' involvement in the health area."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.cases.domain.case_involvement import involvement_kinds
from services.cases.entrypoints.deps import Reader
from services.cases.entrypoints.on_case import OnCase
from services.cases.entrypoints.responses import CommandAccepted
from shared.http.body import RequestBody
from shared.http.fields import Name, PastDate, Ref

router = APIRouter(prefix="/cases/{case_id}", tags=["contact person and involvement"])
catalogue_router = APIRouter(prefix="/catalogue", tags=["catalogue"])


class ContactPersonAssign(RequestBody):
    staff_id: Ref = Field(description="The staff member's id.")
    display_name: Name = Field(
        description="The name the relatives are told (personal data, stored encrypted).",
    )


class InvolvementRecord(RequestBody):
    involvement_id: Ref | None = Field(None, description="Client-chosen id.")
    kind: Ref = Field(description="A code of `GET /catalogue/involvement-kinds`.")
    involved_on: PastDate = Field(description="The day the relatives were involved (not future).")
    relative_ids: list[Ref] = Field(
        min_length=1, max_length=100, description="The case's relatives involved."
    )


class InvolvementKind(BaseModel):
    code: str
    label_da: str
    label_en: str


@router.put("/contact-person")
async def assign_contact_person(body: ContactPersonAssign, on: OnCase) -> CommandAccepted:
    """Name the relatives' contact person, or change to another (the previous is kept)."""
    outcome = await on.commands.assign_contact_person(
        on.case_id, staff_id=body.staff_id, display_name=body.display_name, **on.by
    )
    return on.answer(outcome)


@router.post("/involvements", status_code=201)
async def record_involvement(body: InvolvementRecord, on: OnCase) -> CommandAccepted:
    """Record that relatives were involved in a decision or an effort on a date."""
    outcome = await on.commands.record_involvement(
        on.case_id,
        involvement_id=body.involvement_id,
        kind=body.kind,
        involved_on=body.involved_on.isoformat(),
        relative_ids=body.relative_ids,
        **on.by,
    )
    return on.answer(outcome)


@catalogue_router.get("/involvement-kinds")
async def list_involvement_kinds(user: Reader) -> list[InvolvementKind]:
    """What relatives can be involved in (codes with Danish and English labels)."""
    return [InvolvementKind(**kind) for kind in involvement_kinds().values()]
