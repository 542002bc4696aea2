"""Elections to the relatives' seats: schedule, nominate, vote, count."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

from fastapi import APIRouter

from services.councils.domain.council import Council
from services.councils.entrypoints.access import LoggedCouncilReader
from services.councils.entrypoints.deps import AdminCouncilCommand, Commands, Reader, new_id
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
async def schedule_election(body: ElectionCreate, cmd: AdminCouncilCommand) -> CommandAccepted:
    """Schedule the next election (answers with the election id)."""
    election_id = new_id(body.election_id)

    def change(c: Council) -> str:
        c.schedule_election(election_id, body.held_on.isoformat(), actor=cmd.actor)
        return election_id

    return await cmd.run("schedule_election", change)


@router.post("/elections/{election_id}/candidates")
async def nominate(election_id: str, body: Nomination, cmd: AdminCouncilCommand) -> CommandAccepted:
    """Nominate a relative from the electorate as a candidate."""
    return await cmd.run(
        "nominate",
        lambda c: c.nominate(
            election_id,
            body.relative_id,
            cmd.app.voter_persons(c.tilbud_id),
            actor=cmd.actor,
            name=body.name,
        ),
    )


@router.post("/elections/{election_id}/open-voting")
async def open_voting(election_id: str, cmd: AdminCouncilCommand) -> CommandAccepted:
    """Close nominations and open voting."""
    return await cmd.run("open_voting", lambda c: c.open_voting(election_id, actor=cmd.actor))


@router.post("/elections/{election_id}/votes")
async def cast_vote(election_id: str, body: Vote, cmd: AdminCouncilCommand) -> CommandAccepted:
    """Record a vote: voters are in the electorate and vote once."""
    return await cmd.run(
        "cast_vote",
        lambda c: c.cast_vote(
            election_id,
            body.voter_id,
            body.candidate_id,
            cmd.app.voter_persons(c.tilbud_id),
            actor=cmd.actor,
        ),
    )


@router.post("/elections/{election_id}/close")
async def close_election(election_id: str, cmd: AdminCouncilCommand) -> CommandAccepted:
    """Count the votes; ties are broken by a draw whose seed is recorded in the result."""
    seed = secrets.randbits(62)
    return await cmd.run(
        "close_election", lambda c: c.close_election(election_id, seed, actor=cmd.actor)
    )
