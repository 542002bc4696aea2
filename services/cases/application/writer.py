"""What every case command shares: the group committer, the clock, the answer.

Commands go through the group committer (one writer thread, one transaction per batch);
queries read the repository directly. The named commands live in the modules beside
this one, one per area of the case, and meet in ``CaseCommands``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from services.cases.application.store import CasesApplication
from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from shared.groupcommit import Command, Done, GroupCommitter
from shared.organisation import OrganisationDirectory

Change = Callable[[CollaborationCase], Any]


Outcome = Done  # what a command answers: the aggregate, its new version, its result


def now_utc() -> datetime:
    return datetime.now(UTC)


_ids = random.Random()


def new_id(given: str | None) -> str:
    """A client-chosen sub-entity id, or a fresh random one (not a secret, so the fast
    PRNG, seeded from the OS, serves)."""
    return given or f"{_ids.getrandbits(128):032x}"


def _stamp(aggregate: Aggregate, command: Command) -> None:
    # Envelope metadata travels with each stored event (ignored on replay), so the relay
    # can put the correlation id and tilbud on the wire without loading the case.
    envelope = {**command.metadata, "tilbud_id": str(getattr(aggregate, "tilbud_id", ""))}
    for event in aggregate.pending_events:
        if "envelope" not in vars(event):
            object.__setattr__(event, "envelope", envelope)


class CaseWriter:
    """Submits case commands to the group committer and awaits their outcome."""

    def __init__(
        self,
        app: CasesApplication,
        pseudonym_key: str,
        max_batch: int = 64,
        cache_size: int = 10_000,
        clock_skew: timedelta = timedelta(minutes=5),
        clock: Callable[[], datetime] | None = None,
        organisation: OrganisationDirectory | None = None,
    ) -> None:
        self.app = app
        # The tilbud a case may be opened at (None: not checked, as in tools that never open).
        self.organisation = organisation
        self._key = pseudonym_key.encode()
        self._clock = clock or now_utc
        self._clock_skew = clock_skew
        self.committer = GroupCommitter(
            app, max_batch=max_batch, stamp=_stamp, kind="case", cache_size=cache_size
        )

    def citizen_ref(self, cpr: str) -> str:
        """Keyed hash of the CPR number: stable per citizen, useless without the key."""
        return hmac.new(self._key, cpr.encode(), hashlib.sha256).hexdigest()[:32]

    def now(self) -> Now:
        """The clock reading handed to commands that record when something happened."""
        return Now(self._clock(), self._clock_skew)

    async def _run(self, command: Command) -> Outcome:
        return await self.committer.run(command)

    async def _change(
        self, name: str, case_id: UUID, expected_version: int | None, change: Change
    ) -> Outcome:
        """Apply ``change`` to the case (409 ``version_conflict`` when the version is stale)."""
        return await self._run(
            Command(
                name=name, aggregate_id=case_id, expected_version=expected_version, change=change
            )
        )

    async def get(self, case_id: UUID) -> CollaborationCase:
        return await asyncio.to_thread(self.app.get_case, case_id)

    async def history(self, case_id: UUID) -> list[Any]:
        return await asyncio.to_thread(self.app.history, case_id)
