"""The staircase: level assessments, handling plans, the responsible leader, incidents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.cases.entrypoints.on_case import LeaderOnCase, OnCase
from services.cases.entrypoints.responses import CommandAccepted
from services.cases.entrypoints.schemas import (
    HandlingPlan,
    IncidentReport,
    LeaderAssignment,
    LevelAssessment,
    PlanReview,
)

router = APIRouter(prefix="/cases/{case_id}", tags=["staircase"])


def _plan(plan: HandlingPlan) -> dict[str, Any]:
    return {
        "focus_areas": plan.focus_areas,
        "actions": [
            {
                "action": a.action,
                "owner": a.owner,
                "due_date": a.due_date.isoformat() if a.due_date else None,
            }
            for a in plan.actions
        ],
        "review_date": plan.review_date.isoformat(),
    }


@router.post("/level-assessments", status_code=201)
async def assess_level(body: LevelAssessment, on: OnCase) -> CommandAccepted:
    """Assess the case's level (1-4) with observed characteristics and a justification."""
    outcome = await on.commands.assess_level(
        on.case_id,
        level=body.level,
        characteristics=body.characteristics,
        justification=body.justification,
        plan=_plan(body.plan) if body.plan else None,
        leader=body.leader,
        actor=on.actor,
        actor_is_leader=on.actor_is_leader,
        expected_version=on.version,
    )
    return on.answer(outcome)


@router.post("/handling-plan")
async def set_handling_plan(body: HandlingPlan, on: OnCase) -> CommandAccepted:
    """Set or revise the handling plan (focus areas, actions, review date)."""
    plan = _plan(body)
    outcome = await on.commands.set_handling_plan(
        on.case_id,
        focus_areas=plan["focus_areas"],
        actions=plan["actions"],
        review_date=plan["review_date"],
        **on.by,
    )
    return on.answer(outcome)


@router.post("/handling-plan/reviews", status_code=201)
async def review_handling_plan(body: PlanReview, on: OnCase) -> CommandAccepted:
    """Record a review of the handling plan."""
    outcome = await on.commands.review_handling_plan(
        on.case_id,
        notes=body.notes,
        next_review_date=body.next_review_date.isoformat() if body.next_review_date else None,
        **on.by,
    )
    return on.answer(outcome)


@router.post("/leader")
async def assign_leader(body: LeaderAssignment, on: LeaderOnCase) -> CommandAccepted:
    """The calling leader takes responsibility for the case (also from another leader)."""
    outcome = await on.commands.assign_leader(
        on.case_id,
        leader=body.leader,
        actor=on.actor,
        actor_is_leader=on.actor_is_leader,
        expected_version=on.version,
    )
    return on.answer(outcome)


@router.post("/incidents", status_code=201)
async def report_incident(body: IncidentReport, on: OnCase) -> CommandAccepted:
    """Report an incident; threats, violence and harassment put the case at level 4."""
    outcome = await on.commands.report_incident(
        on.case_id,
        incident_id=body.incident_id,
        kind=body.kind,
        against=body.against,
        occurred_at=body.occurred_at,
        description=body.description,
        **on.by,
    )
    return on.answer(outcome)
