"""The councils application: thin command and query methods over the event store.

Commands go through the group committer (one writer thread, one transaction per batch),
so commands on one aggregate (e.g. grants from one pool) run one after another against
its current state; queries read the repository directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate

from services.councils.domain.conduct import CodeOfConduct
from services.councils.domain.council import Council
from services.councils.domain.electorate import Electorate
from services.councils.domain.follow_group import Decider, FollowGroup, decider_for
from services.councils.domain.leader_hiring import LeaderHirings
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.domain.training import Training
from shared.auth import Principal, Role
from shared.correlation import correlation_id
from shared.errors import ConflictError, NotFoundError
from shared.groupcommit import Command, GroupCommitter
from shared.organisation import OrganisationDirectory, require_tilbud

T = TypeVar("T", bound=Aggregate)
R = TypeVar("R")


class CouncilsApplication(Application[UUID]):
    """Event store and repository of councils, electorates, pools and the follow group."""

    name = "councils"
    is_snapshotting_enabled = True

    def __init__(self, env: dict[str, str], snapshot_interval: int = 50) -> None:
        self.snapshotting_intervals = {  # type: ignore[misc]
            Council: snapshot_interval,
            Electorate: snapshot_interval,
            ParticipantBudgetPool: snapshot_interval,
            CodeOfConduct: snapshot_interval,
            LeaderHirings: snapshot_interval,
            Training: snapshot_interval,
        }
        super().__init__(env)

    def _get(self, aggregate_id: UUID, cls: type[T], what: str) -> T:
        try:
            aggregate: Aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError as exc:
            raise NotFoundError(f"{what}_not_found", f"no {what} with that id") from exc
        if not isinstance(aggregate, cls):
            raise NotFoundError(f"{what}_not_found", f"no {what} with that id")
        return aggregate

    def council(self, council_id: UUID) -> Council:
        return self._get(council_id, Council, "council")

    def pool(self, year: int) -> ParticipantBudgetPool:
        return self._get(ParticipantBudgetPool.create_id(year), ParticipantBudgetPool, "pool")

    def code_of_conduct(self) -> CodeOfConduct:
        return self._get(CodeOfConduct.create_id(), CodeOfConduct, "code_of_conduct")

    def leader_hirings(self, centre_id: str) -> LeaderHirings:
        return self._get(LeaderHirings.create_id(centre_id), LeaderHirings, "leader_hirings")

    def training(self) -> Training:
        return self._get(Training.create_id(), Training, "training")

    def follow_group(self) -> FollowGroup:
        return self._get(FollowGroup.create_id(), FollowGroup, "follow_group")

    def decider(self, user: Principal) -> Decider:
        """``user`` acting for the follow group: a current member, or a leader (else 403)."""
        try:
            group: FollowGroup | None = self.follow_group()
        except NotFoundError:
            group = None
        return decider_for(group, *_who(user))

    def voters(self, tilbud_id: str) -> list[str]:
        """The electorate of a tilbud (empty before any case event arrived)."""
        try:
            return self._get(Electorate.create_id(tilbud_id), Electorate, "electorate").voters()
        except NotFoundError:
            return []

    def voter_persons(self, tilbud_id: str) -> dict[str, str]:
        """Each voter's relative entry and the person it counts as (one person, one vote)."""
        try:
            return self._get(Electorate.create_id(tilbud_id), Electorate, "electorate").persons()
        except NotFoundError:
            return {}


@dataclass(frozen=True)
class Outcome:
    """What a command answers: the aggregate, its new version and the command's result."""

    aggregate_id: UUID
    version: int
    result: Any = None


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


class CouncilCommands:
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

    async def run(self, kind: str, command: Command) -> Outcome:
        """Run ``command`` on an aggregate of ``kind`` (``council``, ``pool``, ...)."""
        command.metadata["correlation_id"] = correlation_id.get() or ""
        try:
            done = await asyncio.wrap_future(self.committer.submit(command))
        except ConflictError as exc:
            if exc.code == "record_exists":
                raise ConflictError(f"{kind}_exists", f"the {kind} exists already") from exc
            raise
        except NotFoundError as exc:
            if exc.code == "record_not_found":
                raise NotFoundError(f"{kind}_not_found", f"no {kind} with that id") from exc
            raise
        return Outcome(done.aggregate_id, done.version, done.result)

    async def create(self, kind: str, aggregate_id: UUID, make: Callable[[], Aggregate]) -> Outcome:
        return await self.run(
            kind, Command(name=f"create_{kind}", aggregate_id=aggregate_id, create=make)
        )

    async def change(
        self,
        kind: str,
        name: str,
        aggregate_id: UUID,
        expected_version: int | None,
        change: Callable[[Any], Any],
    ) -> Outcome:
        """Apply ``change`` (409 when ``expected_version`` is stale)."""
        return await self.run(
            kind,
            Command(
                name=name,
                aggregate_id=aggregate_id,
                expected_version=expected_version,
                change=change,
            ),
        )

    async def grant(
        self,
        year: int,
        application_id: str,
        amount: int | None,
        user: Principal,
        version: int | None,
    ) -> Outcome:
        """The follow group grants in full or in part (answers with the balance left)."""

        def change(pool: ParticipantBudgetPool) -> int:
            return pool.grant(application_id, amount, self.app.decider(user))

        return await self.change("pool", "grant", _pool_id(year), version, change)

    async def reject(
        self, year: int, application_id: str, reason: str, user: Principal, version: int | None
    ) -> Outcome:
        """The follow group rejects an application with a reason."""

        def change(pool: ParticipantBudgetPool) -> None:
            pool.reject(application_id, reason, self.app.decider(user))

        return await self.change("pool", "reject", _pool_id(year), version, change)

    async def disburse(
        self, year: int, application_id: str, user: Principal, version: int | None
    ) -> Outcome:
        """The follow group pays out a grant."""

        def change(pool: ParticipantBudgetPool) -> None:
            pool.disburse(application_id, self.app.decider(user))

        return await self.change("pool", "disburse", _pool_id(year), version, change)

    async def add_follow_group_member(
        self, member_id: str, person_ref: str, role: str, user: Principal
    ) -> Outcome:
        """A member or a leader adds a member to the follow group."""

        def change(group: FollowGroup) -> str:
            group.add_member(member_id, person_ref, role, actor=group.decider(*_who(user)).actor)
            return member_id

        return await self.change(
            "follow_group", "add_member", FollowGroup.create_id(), None, change
        )

    async def remove_follow_group_member(self, member_id: str, user: Principal) -> Outcome:
        """A member or a leader removes a member from the follow group."""

        def change(group: FollowGroup) -> None:
            group.remove_member(member_id, actor=group.decider(*_who(user)).actor)

        return await self.change(
            "follow_group", "remove_member", FollowGroup.create_id(), None, change
        )

    async def apply_case_fact(
        self,
        tilbud_id: str,
        case_id: str,
        case_version: int,
        fact: str,
        relative_id: str | None,
        incarnation: int = 0,
        person_id: str | None = None,
    ) -> bool:
        """Update the tilbud's electorate; False when the fact was a repeat."""
        electorate_id = Electorate.create_id(tilbud_id)

        def change(e: Electorate) -> bool:
            return e.apply_case_fact(
                case_id, case_version, fact, relative_id, incarnation, person_id
            )

        def create() -> Electorate:
            electorate = Electorate(tilbud_id=tilbud_id)
            electorate.apply_case_fact(
                case_id, case_version, fact, relative_id, incarnation, person_id
            )
            return electorate

        try:
            outcome = await self.change("electorate", "case_fact", electorate_id, None, change)
        except NotFoundError:
            try:
                await self.create("electorate", electorate_id, create)
                return True
            except ConflictError:  # created concurrently: apply to the stored one
                outcome = await self.change("electorate", "case_fact", electorate_id, None, change)
        return bool(outcome.result)

    async def read(self, query: Callable[[], R]) -> R:
        return await asyncio.to_thread(query)


def _pool_id(year: int) -> UUID:
    return ParticipantBudgetPool.create_id(year)


def _who(user: Principal) -> tuple[str, bool]:
    return user.sub, user.has_any(Role.LEADER)
