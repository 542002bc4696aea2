"""The staircase: level assessments, handling plans, the responsible leader, incidents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.cases.entrypoints.deps import CaseCommand, LeaderCaseCommand, new_id
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
async def assess_level(body: LevelAssessment, cmd: CaseCommand) -> CommandAccepted:
    """Assess the case's level (1-4) with observed characteristics and a justification."""
    return await cmd.run(
        "assess_level",
        lambda c: c.assess_level(
            level=body.level,
            characteristics=body.characteristics,
            justification=body.justification,
            actor=cmd.actor,
            plan=_plan(body.plan) if body.plan else None,
            leader=body.leader,
            actor_is_leader=cmd.actor_is_leader,
        ),
    )


@router.post("/handling-plan")
async def set_handling_plan(body: HandlingPlan, cmd: CaseCommand) -> CommandAccepted:
    """Set or revise the handling plan (focus areas, actions, review date)."""
    return await cmd.run(
        "set_handling_plan", lambda c: c.set_handling_plan(**_plan(body), actor=cmd.actor)
    )


@router.post("/handling-plan/reviews", status_code=201)
async def review_handling_plan(body: PlanReview, cmd: CaseCommand) -> CommandAccepted:
    """Record a review of the handling plan."""
    return await cmd.run(
        "review_handling_plan",
        lambda c: c.review_handling_plan(
            notes=body.notes,
            next_review_date=body.next_review_date.isoformat() if body.next_review_date else None,
            actor=cmd.actor,
        ),
    )


@router.post("/leader")
async def assign_leader(body: LeaderAssignment, cmd: LeaderCaseCommand) -> CommandAccepted:
    """The calling leader takes responsibility for the case (also from another leader)."""
    return await cmd.run(
        "assign_leader",
        lambda c: c.assign_leader(
            leader=body.leader, actor=cmd.actor, actor_is_leader=cmd.actor_is_leader
        ),
    )


@router.post("/incidents", status_code=201)
async def report_incident(body: IncidentReport, cmd: CaseCommand) -> CommandAccepted:
    """Report an incident; threats, violence and harassment put the case at level 4."""
    incident_id = new_id(body.incident_id)

    def change(case: Any) -> str:
        case.report_incident(
            incident_id=incident_id,
            kind=body.kind,
            against=body.against,
            occurred_at=body.occurred_at,
            description=body.description,
            actor=cmd.actor,
            now=cmd.now(),
        )
        return incident_id

    return await cmd.run("report_incident", change)
