"""The councils event store: the eventsourcing Application and its reads."""

from __future__ import annotations

from typing import TypeVar
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
from shared.errors import NotFoundError

T = TypeVar("T", bound=Aggregate)


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

    def _get(self, aggregate_id: UUID, cls: type[T], what: str, missing: str = "") -> T:
        try:
            aggregate: Aggregate | None = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            aggregate = None
        if not isinstance(aggregate, cls):
            raise NotFoundError(f"{what}_not_found", missing or f"no {what} with that id")
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
        """The follow group (404 ``follow_group_not_found`` before it is formed)."""
        missing = "no follow group has been formed yet"
        return self._get(FollowGroup.create_id(), FollowGroup, "follow_group", missing)

    def decider(self, actor: str, actor_is_leader: bool) -> Decider:
        """``actor`` deciding for the follow group: a current member, or a leader (else 403
        ``not_follow_group_member``)."""
        try:
            group: FollowGroup | None = self.follow_group()
        except NotFoundError:
            group = None
        return decider_for(group, actor, actor_is_leader)

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
