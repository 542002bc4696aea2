"""The follow group's decisions on participant-budget applications."""

from __future__ import annotations

from services.councils.application.writer import CouncilWriter, Outcome
from services.councils.domain.pool import ParticipantBudgetPool


class DecisionCommands(CouncilWriter):
    """Grant, reject, pay out: by a current member of the follow group or a leader acting
    for it (403 ``not_follow_group_member`` for anyone else)."""

    async def grant(
        self,
        year: int,
        application_id: str,
        *,
        amount: int | None = None,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """The follow group grants in full or in part, never over the balance; answers the
        balance left (403 ``not_follow_group_member`` for anyone else)."""

        def change(pool: ParticipantBudgetPool) -> int:
            return pool.grant(application_id, amount, self.app.decider(actor, actor_is_leader))

        return await self._on_pool("grant", year, expected_version, change)

    async def reject(
        self,
        year: int,
        application_id: str,
        *,
        reason: str,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """The follow group rejects an undecided application with a reason."""

        def change(pool: ParticipantBudgetPool) -> None:
            pool.reject(application_id, reason, self.app.decider(actor, actor_is_leader))

        return await self._on_pool("reject", year, expected_version, change)

    async def disburse(
        self,
        year: int,
        application_id: str,
        *,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """The follow group pays out a granted amount, once."""

        def change(pool: ParticipantBudgetPool) -> None:
            pool.disburse(application_id, self.app.decider(actor, actor_is_leader))

        return await self._on_pool("disburse", year, expected_version, change)
