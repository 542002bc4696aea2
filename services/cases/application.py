"""The cases application: thin command and query methods over the event store.

Commands go through the group committer (one writer thread, one transaction per batch);
queries read the repository directly.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate

from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from services.cases.domain.cpr import validate_cpr
from shared.correlation import correlation_id
from shared.errors import NotFoundError
from shared.groupcommit import Command, GroupCommitter
from shared.organisation import OrganisationDirectory, require_tilbud


class CasesApplication(Application[UUID]):
    """Event store and repository of collaboration cases."""

    name = "cases"
    is_snapshotting_enabled = True

    def __init__(self, env: dict[str, str], snapshot_interval: int = 50) -> None:
        # The interval is configuration, so it is set per instance.
        self.snapshotting_intervals = {CollaborationCase: snapshot_interval}  # type: ignore[misc]
        super().__init__(env)

    def get_case(self, case_id: UUID, version: int | None = None) -> CollaborationCase:
        try:
            case: CollaborationCase = self.repository.get(case_id, version=version)
        except AggregateNotFoundError as exc:
            raise NotFoundError("case_not_found", "no case with that id") from exc
        return case

    def history(self, case_id: UUID) -> list[Any]:
        events = list(self.repository.event_store.get(case_id))
        if not events:
            raise NotFoundError("case_not_found", "no case with that id")
        return events


@dataclass(frozen=True)
class Outcome:
    """What a command answers: the case, its new version and the command's own result."""

    case_id: UUID
    version: int
    result: Any = None


def _stamp(aggregate: Aggregate, command: Command) -> None:
    # Envelope metadata travels with each stored event (ignored on replay), so the relay
    # can put the correlation id and tilbud on the wire without loading the case.
    envelope = {**command.metadata, "tilbud_id": str(getattr(aggregate, "tilbud_id", ""))}
    for event in aggregate.pending_events:
        if "envelope" not in vars(event):
            object.__setattr__(event, "envelope", envelope)


class CaseCommands:
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
        command.metadata["correlation_id"] = correlation_id.get() or ""
        done = await asyncio.wrap_future(self.committer.submit(command))
        return Outcome(done.aggregate_id, done.version, done.result)

    async def open(
        self, *, cpr: str, tilbud_id: str, setting: str, planned_move_in: str | None, actor: str
    ) -> Outcome:
        digits = validate_cpr(cpr)
        ref = self.citizen_ref(digits)
        tilbud_id = tilbud_id.strip()
        if tilbud_id and self.organisation is not None:
            require_tilbud(self.organisation, tilbud_id)
        case_id = CollaborationCase.create_id(citizen_ref=ref, tilbud_id=tilbud_id)
        return await self._run(
            Command(
                name="open",
                aggregate_id=case_id,
                create=lambda: CollaborationCase.open(
                    cpr=digits,
                    citizen_ref=ref,
                    tilbud_id=tilbud_id,
                    setting=setting,
                    planned_move_in=planned_move_in,
                    actor=actor,
                ),
            )
        )

    async def change(
        self,
        name: str,
        case_id: UUID,
        expected_version: int | None,
        change: Callable[[CollaborationCase], Any],
    ) -> Outcome:
        """Apply ``change`` to the case (409 when ``expected_version`` is stale)."""
        return await self._run(
            Command(
                name=name,
                aggregate_id=case_id,
                expected_version=expected_version,
                change=change,
            )
        )

    async def get(self, case_id: UUID) -> CollaborationCase:
        return await asyncio.to_thread(self.app.get_case, case_id)

    async def history(self, case_id: UUID) -> list[Any]:
        return await asyncio.to_thread(self.app.history, case_id)


def now_utc() -> datetime:
    return datetime.now(UTC)
