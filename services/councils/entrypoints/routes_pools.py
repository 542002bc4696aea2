"""The participant-budget pool of a year: applications, decisions, disbursement, spending."""

from __future__ import annotations

from fastapi import APIRouter, Response

from services.councils.entrypoints.access import LoggedPoolReader
from services.councils.entrypoints.deps import (
    Admin,
    Commands,
    Decider,
    ExpectedVersion,
    PoolKeeper,
    PoolYear,
    accepted,
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
from shared.auth import Role

router = APIRouter(prefix="/pools", tags=["participant budgets"])


@router.post("", status_code=201)
async def open_pool(
    body: PoolCreate, commands: Commands, response: Response, user: PoolKeeper
) -> CommandAccepted:
    """Open the pool of a year (default 100,000 kr)."""
    outcome = await commands.open_pool(year=body.year, amount=body.amount, actor=user.sub)
    return accepted(outcome, response)


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
    outcome = await commands.apply(
        year,
        application_id=body.application_id,
        council_id=body.council_id,
        activity=body.activity,
        amount=body.amount,
        initiators=body.initiators,
        actor=user.sub,
        expected_version=version,
    )
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
    outcome = await commands.grant(
        year,
        application_id,
        amount=body.amount,
        actor=user.sub,
        actor_is_leader=user.has_any(Role.LEADER),
        expected_version=version,
    )
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
    outcome = await commands.reject(
        year,
        application_id,
        reason=body.reason,
        actor=user.sub,
        actor_is_leader=user.has_any(Role.LEADER),
        expected_version=version,
    )
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
    outcome = await commands.disburse(
        year,
        application_id,
        actor=user.sub,
        actor_is_leader=user.has_any(Role.LEADER),
        expected_version=version,
    )
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
    outcome = await commands.report_spending(
        year, application_id, spent=body.spent, actor=user.sub, expected_version=version
    )
    return accepted(outcome, response)
