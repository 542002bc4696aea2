"""The participant-budget pool of a year: applications, spending, activities."""

from __future__ import annotations

from uuid import UUID

from services.councils.application.writer import CouncilWriter, Outcome, new_id
from services.councils.domain.council import Council
from services.councils.domain.pool import ParticipantBudgetPool


class PoolCommands(CouncilWriter):
    """Councils apply, report what an activity cost and record the activity held."""

    async def open_pool(self, *, year: int, amount: int | None = None, actor: str) -> Outcome:
        """Open the pool of a year (by default the configured amount), once per year (409
        ``pool_exists``)."""
        kr = self.pool_default_kr if amount is None else amount
        return await self._create(
            "pool",
            ParticipantBudgetPool.create_id(year),
            lambda: ParticipantBudgetPool.open(year=year, amount=kr, actor=actor),
        )

    async def apply(
        self,
        year: int,
        *,
        application_id: str | None = None,
        council_id: UUID,
        activity: str,
        amount: int,
        initiators: list[str],
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """A council (404 ``council_not_found``) applies for a participant budget; the
        initiators are relatives in its tilbud's electorate. Answers the application id."""
        aid = new_id(application_id)

        def change(pool: ParticipantBudgetPool) -> str:
            council: Council = self.app.council(council_id)
            voters = self.app.voters(council.tilbud_id)
            pool.apply(aid, str(council_id), activity, amount, initiators, actor, electorate=voters)
            return aid

        return await self._on_pool("apply", year, expected_version, change)

    async def report_spending(
        self,
        year: int,
        application_id: str,
        *,
        spent: int,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Report what a disbursed activity cost."""
        return await self._on_pool(
            "report_spending",
            year,
            expected_version,
            lambda p: p.report_spending(application_id, spent, actor=actor),
        )

    async def record_activity(
        self,
        year: int,
        application_id: str,
        *,
        held_on: str,
        participants: dict[str, int],
        cost: int,
        report: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record the activity of a grant, once, costing no more than granted; the unspent
        part returns to the pool (answers the amount returned)."""

        def change(pool: ParticipantBudgetPool) -> int:
            council_id = pool.applications.get(application_id, {}).get("council_id")
            tilbud_id = self.app.council(UUID(council_id)).tilbud_id if council_id else "-"
            return pool.record_activity(
                application_id, tilbud_id, held_on, participants, cost, report, actor
            )

        return await self._on_pool("record_activity", year, expected_version, change)
