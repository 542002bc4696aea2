"""Elections to the relatives' seats: schedule, nominate, vote, count."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from services.councils.entrypoints.access import LoggedCouncilReader
from services.councils.entrypoints.deps import Commands, Reader
from services.councils.entrypoints.on_council import OnCouncil
from services.councils.entrypoints.schemas import CommandAccepted, ElectionCreate, Nomination, Vote
from shared.errors import NotFoundError

router = APIRouter(prefix="/councils/{council_id}", tags=["elections"])


@router.get("/upcoming-election")
async def upcoming_election(council_id: UUID, commands: Commands, user: Reader) -> dict[str, Any]:
    """The next election: its round, when it is due, which seats are up, electorate size."""
    council = await commands.read(lambda: commands.app.council(council_id))
    voters = await commands.read(lambda: commands.app.voter_persons(council.tilbud_id))
    upcoming: dict[str, Any] = council.to_state()["upcoming_election"]
    return {**upcoming, "electorate_size": len(set(voters.values()))}


@router.get("/elections/{election_id}")
async def get_election(
    council_id: UUID, election_id: str, commands: Commands, user: LoggedCouncilReader
) -> dict[str, Any]:
    """An election: candidates with their names (the read is logged), status, and once
    closed the result (tally, draw, terms)."""
    council = await commands.read(lambda: commands.app.council(council_id))
    views: dict[str, Any] = {e["election_id"]: e for e in council.to_state()["elections"]}
    if election_id not in views:
        raise NotFoundError("election_not_found", "no election with that id")
    return dict(views[election_id])


@router.post("/elections", status_code=201)
async def schedule_election(body: ElectionCreate, on: OnCouncil) -> CommandAccepted:
    """Schedule the next election (answers with the election id)."""
    outcome = await on.commands.schedule_election(
        on.council_id, election_id=body.election_id, held_on=body.held_on.isoformat(), **on.by
    )
    return on.answer(outcome)


@router.post("/elections/{election_id}/candidates")
async def nominate(election_id: str, body: Nomination, on: OnCouncil) -> CommandAccepted:
    """Nominate a relative from the electorate as a candidate."""
    outcome = await on.commands.nominate(
        on.council_id, election_id, relative_id=body.relative_id, name=body.name, **on.by
    )
    return on.answer(outcome)


@router.post("/elections/{election_id}/open-voting")
async def open_voting(election_id: str, on: OnCouncil) -> CommandAccepted:
    """Close nominations and open voting."""
    outcome = await on.commands.open_voting(on.council_id, election_id, **on.by)
    return on.answer(outcome)


@router.post("/elections/{election_id}/votes")
async def cast_vote(election_id: str, body: Vote, on: OnCouncil) -> CommandAccepted:
    """Record a vote: voters are in the electorate and vote once."""
    outcome = await on.commands.cast_vote(
        on.council_id, election_id, voter_id=body.voter_id, candidate_id=body.candidate_id, **on.by
    )
    return on.answer(outcome)


@router.post("/elections/{election_id}/close")
async def close_election(election_id: str, on: OnCouncil) -> CommandAccepted:
    """Count the votes; ties are broken by a draw whose seed is recorded in the result."""
    outcome = await on.commands.close_election(on.council_id, election_id, **on.by)
    return on.answer(outcome)
