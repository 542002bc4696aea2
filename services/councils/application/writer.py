"""What every councils command shares: the group committer and the answer.

Commands go through the group committer (one writer thread, one transaction per batch),
so commands on one aggregate (e.g. grants from one pool) run one after another against
its current state; queries read the repository directly. Each command names the
aggregate it acts on, so a missing or doubled one answers ``council_not_found``,
``pool_exists``, ... from the writer itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from services.councils.application.store import CouncilsApplication
from services.councils.domain.pool import ParticipantBudgetPool
from shared.errors import ConflictError, NotFoundError
from shared.groupcommit import Command, Done, GroupCommitter
from shared.organisation import OrganisationDirectory, require_tilbud

R = TypeVar("R")


Outcome = Done  # what a command answers: the aggregate, its new version, its result


def new_id(given: str | None) -> str:
    """A client-chosen sub-entity id, or a fresh one."""
    return given or uuid.uuid4().hex[:12]


def stamp_envelope(aggregate: Aggregate, command: Command) -> None:
    # Envelope metadata travels with each stored event, for the relay.
    envelope = {
        **command.metadata,
        "tilbud_id": str(getattr(aggregate, "tilbud_id", "")),
        "year": str(getattr(aggregate, "year", "")),
    }
    for event in aggregate.pending_events:
        if "envelope" not in vars(event):
            object.__setattr__(event, "envelope", envelope)


class CouncilWriter:
    """Submits commands to the group committer and awaits their outcome."""

    def __init__(
        self,
        app: CouncilsApplication,
        max_batch: int = 64,
        pool_default_kr: int = 100_000,
        cache_size: int = 1_000,
        organisation: OrganisationDirectory | None = None,
    ) -> None:
        self.app = app
        self.pool_default_kr = pool_default_kr
        # The tilbud a council may be formed at (None: not checked, as in the privacy CLI).
        self.organisation = organisation
        self.committer = GroupCommitter(
            app, max_batch=max_batch, stamp=stamp_envelope, kind="record", cache_size=cache_size
        )

    def require_tilbud(self, tilbud_id: str) -> None:
        """Refuse a tilbud the organisation does not hold (422 ``unknown_tilbud``)."""
        if self.organisation is not None:
            require_tilbud(self.organisation, tilbud_id)

    async def _run(self, command: Command) -> Outcome:
        return await self.committer.run(command)

    async def _create(
        self, kind: str, aggregate_id: UUID, make: Callable[[], Aggregate]
    ) -> Outcome:
        """Make the ``kind`` aggregate (409 ``<kind>_exists`` when it is there)."""
        return await self._run(
            Command(name=f"create_{kind}", aggregate_id=aggregate_id, create=make, kind=kind)
        )

    async def _change(
        self,
        kind: str,
        name: str,
        aggregate_id: UUID,
        expected_version: int | None,
        change: Callable[[Any], Any],
    ) -> Outcome:
        """Apply ``change`` (404 ``<kind>_not_found``; 409 when the version is stale)."""
        command = Command(
            name=name,
            aggregate_id=aggregate_id,
            expected_version=expected_version,
            change=change,
            kind=kind,
        )
        return await self._run(command)

    async def _on_council(
        self, name: str, council_id: UUID, version: int | None, change: Callable[[Any], Any]
    ) -> Outcome:
        return await self._change("council", name, council_id, version, change)

    async def _on_pool(
        self, name: str, year: int, version: int | None, change: Callable[[Any], Any]
    ) -> Outcome:
        pool_id = ParticipantBudgetPool.create_id(year)
        return await self._change("pool", name, pool_id, version, change)

    async def _on_singleton(
        self,
        kind: str,
        name: str,
        aggregate_id: UUID,
        expected_version: int | None,
        make: Callable[[], Aggregate],
        change: Callable[[Any], Any],
    ) -> Outcome:
        """Apply ``change`` to an aggregate that starts on first use (made by ``make``)."""
        try:
            return await self._change(kind, name, aggregate_id, expected_version, change)
        except NotFoundError as exc:
            if exc.code != f"{kind}_not_found":
                raise
            with contextlib.suppress(ConflictError):  # started concurrently
                await self._create(kind, aggregate_id, make)
            return await self._change(kind, name, aggregate_id, expected_version, change)

    async def read(self, query: Callable[[], R]) -> R:
        """Run a query on the store off the event loop."""
        return await asyncio.to_thread(query)
