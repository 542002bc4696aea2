"""Elections to the relatives' seats: schedule, nominate, vote, count."""

from __future__ import annotations

import secrets
from uuid import UUID

from services.councils.application.writer import CouncilWriter, Outcome, new_id
from services.councils.domain.council import Council


class ElectionCommands(CouncilWriter):
    """A council's elections; the electorate comes from the cases' events."""

    async def schedule_election(
        self,
        council_id: UUID,
        *,
        election_id: str | None = None,
        held_on: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Schedule the next election (one at a time, only with relatives' seats); answers
        its id."""
        eid = new_id(election_id)

        def change(c: Council) -> str:
            c.schedule_election(eid, held_on, actor)
            return eid

        return await self._on_council("schedule_election", council_id, expected_version, change)

    async def nominate(
        self,
        council_id: UUID,
        election_id: str,
        *,
        relative_id: str,
        name: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Nominate a relative of the electorate while nominations are open; one person is
        one candidate however many relative entries they have."""

        def change(c: Council) -> None:
            persons = self.app.voter_persons(c.tilbud_id)
            c.nominate(election_id, relative_id, persons, actor, name=name)

        return await self._on_council("nominate", council_id, expected_version, change)

    async def open_voting(
        self,
        council_id: UUID,
        election_id: str,
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Close nominations and open voting."""
        return await self._on_council(
            "open_voting",
            council_id,
            expected_version,
            lambda c: c.open_voting(election_id, actor),
        )

    async def cast_vote(
        self,
        council_id: UUID,
        election_id: str,
        *,
        voter_id: str,
        candidate_id: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record a vote while voting is open: the voter is in the electorate and a person
        votes once."""

        def change(c: Council) -> None:
            persons = self.app.voter_persons(c.tilbud_id)
            c.cast_vote(election_id, voter_id, candidate_id, persons, actor)

        return await self._on_council("cast_vote", council_id, expected_version, change)

    async def close_election(
        self,
        council_id: UUID,
        election_id: str,
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Count the votes; a tie is broken by a draw whose seed the result records."""
        seed = secrets.randbits(62)
        return await self._on_council(
            "close_election",
            council_id,
            expected_version,
            lambda c: c.close_election(election_id, seed, actor),
        )
