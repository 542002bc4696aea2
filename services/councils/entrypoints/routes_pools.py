"""The participant-budget pool of a year: applications, decisions, disbursement, spending."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response

from services.councils.domain.council import Council
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.entrypoints.access import LoggedPoolReader
from services.councils.entrypoints.deps import (
    Admin,
    Commands,
    Decider,
    ExpectedVersion,
    PoolKeeper,
    PoolYear,
    accepted,
    new_id,
)
from services.councils.entrypoints.schemas import (
    BudgetApplication,
    CommandAccepted,
    Grant,
    PoolCreate,
    Rejection,
    Spending,
    StatePublic,
)
from shared.errors import DomainError

router = APIRouter(prefix="/pools", tags=["participant budgets"])


def _pool_id(year: int) -> UUID:
    return ParticipantBudgetPool.create_id(year)


@router.post("", status_code=201)
async def open_pool(
    body: PoolCreate, commands: Commands, response: Response, user: PoolKeeper
) -> CommandAccepted:
    """Open the pool of a year (default 100,000 kr)."""
    amount = commands.pool_default_kr if body.amount is None else body.amount

    def make() -> ParticipantBudgetPool:
        return ParticipantBudgetPool.open(year=body.year, amount=amount, actor=user.sub)

    return accepted(await commands.create("pool", _pool_id(body.year), make), response)


@router.get("/{year}")
async def get_pool(
    year: PoolYear, commands: Commands, response: Response, user: LoggedPoolReader
) -> StatePublic:
    """The pool: amount, granted, balance, and every application with its decision
    (activities and reasons are free text: the read is logged)."""
    pool = await commands.read(lambda: commands.app.pool(year))
    response.headers["ETag"] = f'"{pool.version}"'
    return StatePublic(**pool.to_state())


@router.post("/{year}/applications", status_code=201)
async def apply(
    year: PoolYear,
    body: BudgetApplication,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: Admin,
) -> CommandAccepted:
    """A council applies for a participant budget; the initiators are in its electorate."""
    application_id = new_id(body.application_id)

    def change(pool: ParticipantBudgetPool) -> str:
        council: Council = commands.app.council(body.council_id)
        voters = set(commands.app.voters(council.tilbud_id))
        if any(r not in voters for r in body.initiators):
            raise DomainError(
                "initiator_not_in_electorate",
                "The initiators must be relatives at the council's tilbud.",
            )
        pool.apply(
            application_id,
            str(body.council_id),
            body.activity,
            body.amount,
            body.initiators,
            actor=user.sub,
        )
        return application_id

    outcome = await commands.change("pool", "apply", _pool_id(year), version, change)
    return accepted(outcome, response)


@router.post("/{year}/applications/{application_id}/grant")
async def grant(
    year: PoolYear,
    application_id: str,
    body: Grant,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: Decider,
) -> CommandAccepted:
    """Grant in full or in part (answers with the balance left); never over the balance.

    By a current member of the follow group or a leader acting for it (else 403
    ``not_follow_group_member``)."""
    outcome = await commands.grant(year, application_id, body.amount, user, version)
    return accepted(outcome, response)


@router.post("/{year}/applications/{application_id}/reject")
async def reject(
    year: PoolYear,
    application_id: str,
    body: Rejection,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: Decider,
) -> CommandAccepted:
    """Reject the application with a reason."""
    outcome = await commands.reject(year, application_id, body.reason, user, version)
    return accepted(outcome, response)


@router.post("/{year}/applications/{application_id}/disburse")
async def disburse(
    year: PoolYear,
    application_id: str,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: Decider,
) -> CommandAccepted:
    """Pay out the granted amount."""
    outcome = await commands.disburse(year, application_id, user, version)
    return accepted(outcome, response)


@router.post("/{year}/applications/{application_id}/spending")
async def report_spending(
    year: PoolYear,
    application_id: str,
    body: Spending,
    commands: Commands,
    version: ExpectedVersion,
    response: Response,
    user: Admin,
) -> CommandAccepted:
    """Report what the activity cost."""
    outcome = await commands.change(
        "pool",
        "report_spending",
        _pool_id(year),
        version,
        lambda p: p.report_spending(application_id, body.spent, actor=user.sub),
    )
    return accepted(outcome, response)
