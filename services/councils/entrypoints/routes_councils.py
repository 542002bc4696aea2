"""Councils: formation, frame, agreed seats, members and terms, meetings, electorate."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Response

from services.councils.domain.council import Council
from services.councils.domain.council_view import marked_members
from services.councils.entrypoints.access import LoggedCouncilReader, LoggedTilbudReader
from services.councils.entrypoints.deps import Admin, Commands, Reader, accepted
from services.councils.entrypoints.on_council import OnCouncil
from services.councils.entrypoints.schemas import (
    CommandAccepted,
    CouncilCreate,
    DepartmentHeadChange,
    ElectoratePublic,
    Frame,
    MeetingCreate,
    MemberAppoint,
    Minutes,
    Resignation,
    SeatsChange,
    StatePublic,
)
from shared.http.replay import as_of_time, as_of_version, replayed

AsOfVersion = Annotated[int | None, as_of_version("council")]
AsOf = Annotated[datetime | None, as_of_time("council")]

router = APIRouter(prefix="/councils", tags=["councils"])


@router.post("", status_code=201)
async def form_council(
    body: CouncilCreate, commands: Commands, response: Response, user: Admin
) -> CommandAccepted:
    """Form the council of a tilbud with its frame and agreed seat numbers."""
    declined = body.relatives_council_declined_on
    outcome = await commands.form_council(
        tilbud_id=body.tilbud_id,
        kind=body.kind,
        frame=body.frame.model_dump(),
        seats=body.seats.model_dump(),
        agreement=body.agreement.model_dump(),
        relatives_council_declined_on=declined.isoformat() if declined else None,
        actor=user.sub,
    )
    return accepted(outcome, response)


@router.get("/by-tilbud/{tilbud_id}")
async def council_of_tilbud(
    tilbud_id: str, commands: Commands, user: LoggedTilbudReader
) -> StatePublic:
    """The council of a tilbud."""
    council = await commands.read(lambda: commands.app.council(Council.create_id(tilbud_id)))
    return StatePublic(**council.to_state())


@router.get("/{council_id}")
async def get_council(
    council_id: UUID,
    commands: Commands,
    response: Response,
    user: LoggedCouncilReader,
    as_of_version: AsOfVersion = None,
    as_of: AsOf = None,
) -> StatePublic:
    """The council: frame, seats, members with terms, substitutes, upcoming election;
    with `as_of_version` or `as_of` (role auditor), as that version's event left it."""
    if as_of_version is not None or as_of is not None:
        past = await replayed(
            commands.app, "council", council_id, user, as_of_version, as_of, response
        )
        return StatePublic(**past.to_state())
    council = await commands.read(lambda: commands.app.council(council_id))
    response.headers["ETag"] = f'"{council.version}"'
    return StatePublic(**council.to_state())


@router.get("/{council_id}/members")
async def members(
    council_id: UUID, commands: Commands, user: LoggedCouncilReader
) -> list[dict[str, Any]]:
    """Current members with name, seat, kind and term (the read is logged)."""
    council = await commands.read(lambda: commands.app.council(council_id))
    return marked_members(council, active=True)


@router.get("/{council_id}/electorate")
async def electorate(council_id: UUID, commands: Commands, user: Reader) -> ElectoratePublic:
    """The relatives of citizens with an open case at the tilbud (built from case events)."""
    council = await commands.read(lambda: commands.app.council(council_id))
    persons = await commands.read(lambda: commands.app.voter_persons(council.tilbud_id))
    return ElectoratePublic(
        tilbud_id=council.tilbud_id,
        size=len(set(persons.values())),
        relative_ids=sorted(persons),
    )


@router.post("/{council_id}/frame")
async def change_frame(body: Frame, on: OnCouncil) -> CommandAccepted:
    """Fill in the local frame: purpose, tasks and function."""
    outcome = await on.commands.change_frame(on.council_id, body.model_dump(), **on.by)
    return on.answer(outcome)


@router.post("/{council_id}/seats")
async def agree_seats(body: SeatsChange, on: OnCouncil) -> CommandAccepted:
    """Record new seat numbers agreed by centre head and department head."""
    outcome = await on.commands.agree_seats(
        on.council_id, body.seats.model_dump(), body.agreement.model_dump(), **on.by
    )
    return on.answer(outcome)


@router.post("/{council_id}/members", status_code=201)
async def appoint_member(body: MemberAppoint, on: OnCouncil) -> CommandAccepted:
    """Appoint a citizen or staff member to a free seat (answers with the member id)."""
    outcome = await on.commands.appoint_member(
        on.council_id,
        kind=body.kind,
        person_ref=body.person_ref,
        term_start=body.term_start.isoformat(),
        term_end=body.term_end.isoformat() if body.term_end else None,
        name=body.name,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/{council_id}/members/{member_id}/resign")
async def resign(member_id: str, body: Resignation, on: OnCouncil) -> CommandAccepted:
    """A member resigns; on a relatives' seat the first substitute steps in."""
    outcome = await on.commands.resign(on.council_id, member_id, on=body.on.isoformat(), **on.by)
    return on.answer(outcome)


@router.post("/{council_id}/department-head")
async def change_department_head(body: DepartmentHeadChange, on: OnCouncil) -> CommandAccepted:
    """A new department head takes the ex-officio seat."""
    outcome = await on.commands.change_department_head(
        on.council_id, person_ref=body.person_ref, on=body.on.isoformat(), **on.by
    )
    return on.answer(outcome)


@router.post("/{council_id}/meetings", status_code=201)
async def schedule_meeting(body: MeetingCreate, on: OnCouncil) -> CommandAccepted:
    """Schedule a council meeting or a relatives' meeting with its agenda."""
    outcome = await on.commands.schedule_meeting(
        on.council_id,
        meeting_id=body.meeting_id,
        kind=body.kind,
        at=body.at,
        agenda=body.agenda,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/{council_id}/meetings/{meeting_id}/minutes")
async def record_minutes(meeting_id: str, body: Minutes, on: OnCouncil) -> CommandAccepted:
    """Record the minutes and who attended."""
    outcome = await on.commands.record_minutes(
        on.council_id, meeting_id, minutes=body.minutes, attendees=body.attendees, **on.by
    )
    return on.answer(outcome)
