"""Staircase levels, handling plans, leaders and incidents (part of the case)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventsourcing.domain import event

from services.cases.domain import staircase_rules as rules
from services.cases.domain.case_base import CaseBase, Record
from services.cases.domain.catalogue import load_catalogue
from services.cases.domain.clock import Now
from services.cases.domain.enums import (
    ESCALATING_INCIDENT_KINDS,
    IncidentAgainst,
    IncidentKind,
)
from services.cases.domain.validation import (
    optional_iso_date,
    require_enum,
    require_new_id,
    require_text,
)
from shared.errors import DomainError

SYSTEM_ACTOR = "system"
SYSTEM_CHARACTERISTIC = "threats_violence_harassment_against_staff"


class StaircasePart(CaseBase):
    """Commands and events about the collaboration staircase."""

    def assess_level(
        self,
        level: int,
        characteristics: list[str],
        justification: str,
        actor: str,
        plan: dict[str, Any] | None = None,
        leader: str | None = None,
        actor_is_leader: bool = False,
    ) -> None:
        """Record a justified level decision (escalation or de-escalation).

        ``plan`` (``{focus_areas, actions, review_date}``) sets a new handling plan
        first; ``leader`` assigns a responsible leader first, and only an actor with
        role leader names one: themself, and never in place of another leader.
        Levels 3-4 need a plan from that level; level 4 needs a leader.
        """
        actor = self._guard_open(actor)
        catalogue = load_catalogue()
        level = catalogue.level(level).level
        observed = rules.characteristics_for_level(catalogue, level, characteristics)
        why = rules.justification(justification)
        new_plan = None if plan is None else rules.handling_plan(catalogue, plan, level)
        rules.require_plan_for(catalogue, level, new_plan, self.handling_plan)
        new_leader = None if leader is None else rules.appointee(leader, actor, actor_is_leader)
        rules.require_no_other_leader(new_leader, self.leader)
        rules.require_leader_for(level, new_leader, self.leader)
        if new_plan is not None:
            self._handling_plan_set(revision=self._next_revision(), **new_plan, actor=actor)
        if new_leader is not None and new_leader != self.leader:
            self._leader_assigned(leader=new_leader, actor=actor)
        self._level_assessed(
            level=level,
            previous_level=self.level,
            characteristics=observed,
            justification=why,
            by_system=False,
            incident_id=None,
            actor=actor,
        )

    @event("LevelAssessed")
    def _level_assessed(
        self,
        level: int,
        previous_level: int | None,
        characteristics: list[str],
        justification: str,
        by_system: bool,
        incident_id: str | None,
        actor: str,
        timestamp: datetime | None = None,
    ) -> None:
        assessment = {
            "level": level,
            "previous_level": previous_level,
            "characteristics": list(characteristics),
            "justification": justification,
            "by_system": by_system,
            "incident_id": incident_id,
            "assessed_by": actor,
            "assessed_at": timestamp,
        }
        self.level = level
        self.level_assessment = assessment
        self.level_history.append(dict(assessment))
        self.leader_required = level == rules.LEADER_LEVEL and self.leader is None

    def set_handling_plan(
        self,
        focus_areas: list[str],
        actions: list[dict[str, str | None]],
        review_date: str,
        actor: str,
    ) -> None:
        """Set a new revision of the handling plan.

        Each action is ``{action, owner, due_date}``. At levels 3-4 the focus areas
        must come from the current level.
        """
        actor = self._guard_open(actor)
        given = {"focus_areas": focus_areas, "actions": actions, "review_date": review_date}
        plan = rules.handling_plan(load_catalogue(), given, self.level)
        self._handling_plan_set(revision=self._next_revision(), **plan, actor=actor)

    @event("HandlingPlanSet")
    def _handling_plan_set(
        self,
        revision: int,
        focus_areas: list[str],
        actions: list[Record],
        review_date: str,
        actor: str,
        timestamp: datetime | None = None,
    ) -> None:
        self.handling_plan = {
            "revision": revision,
            "focus_areas": list(focus_areas),
            "actions": [dict(a) for a in actions],
            "review_date": review_date,
            "set_by": actor,
            "set_at": timestamp,
            "reviews": [],
        }

    def review_handling_plan(self, notes: str, next_review_date: str | None, actor: str) -> None:
        """Record a review of the current plan, optionally moving its review date."""
        actor = self._guard_open(actor)
        if self.handling_plan is None:
            raise DomainError("no_handling_plan", "The case has no handling plan.")
        self._handling_plan_reviewed(
            notes=require_text(notes, "notes"),
            next_review_date=optional_iso_date(next_review_date, "next_review_date"),
            actor=actor,
        )

    @event("HandlingPlanReviewed")
    def _handling_plan_reviewed(
        self,
        notes: str,
        next_review_date: str | None,
        actor: str,
        timestamp: datetime | None = None,
    ) -> None:
        assert self.handling_plan is not None
        review = {"notes": notes, "next_review_date": next_review_date}
        self.handling_plan["reviews"].append(
            {**review, "reviewed_by": actor, "reviewed_at": timestamp}
        )
        if next_review_date is not None:
            self.handling_plan["review_date"] = next_review_date

    def assign_leader(self, leader: str | None, actor: str, actor_is_leader: bool = False) -> None:
        """The acting leader takes responsibility for the case, also from another leader.

        ``leader`` defaults to the actor and may name no one else; an actor without
        role leader appoints no one.
        """
        actor = self._guard_open(actor)
        self._leader_assigned(leader=rules.appointee(leader, actor, actor_is_leader), actor=actor)

    @event("LeaderAssigned")
    def _leader_assigned(self, leader: str, actor: str) -> None:
        self.leader = leader
        self.leader_required = False

    def report_incident(
        self,
        incident_id: str,
        kind: str,
        against: str | None,
        occurred_at: datetime,
        description: str,
        actor: str,
        *,
        now: Now,
    ) -> None:
        """Document an incident.

        Threats, violence and harassment put the case at level 4 at once (by the
        system, without the plan and leader requirements); until a leader is
        assigned the case is flagged ``leader_required``.
        """
        actor = self._guard_open(actor)
        incident_id = require_new_id(incident_id, self.incidents, "incident_exists", "incident_id")
        kind = require_enum(IncidentKind, kind, "invalid_incident_kind", "kind")
        if against is not None:
            against = require_enum(IncidentAgainst, against, "invalid_incident_against", "against")
        self._incident_reported(
            incident_id=incident_id,
            kind=kind,
            against=against,
            occurred_at=now.happened(occurred_at, "occurred_at"),
            description=require_text(description, "description"),
            actor=actor,
        )
        if kind in ESCALATING_INCIDENT_KINDS and self.level != rules.LEADER_LEVEL:
            self._level_assessed(
                level=rules.LEADER_LEVEL,
                previous_level=self.level,
                characteristics=[SYSTEM_CHARACTERISTIC],
                justification=f"Automatic escalation: {kind} reported (incident {incident_id}).",
                by_system=True,
                incident_id=incident_id,
                actor=SYSTEM_ACTOR,
            )

    @event("IncidentReported")
    def _incident_reported(
        self,
        incident_id: str,
        kind: str,
        against: str | None,
        occurred_at: datetime,
        description: str,
        actor: str,
    ) -> None:
        self.incidents[incident_id] = {
            "incident_id": incident_id,
            "kind": kind,
            "against": against,
            "occurred_at": occurred_at,
            "description": description,
            "reported_by": actor,
        }

    def _next_revision(self) -> int:
        return 1 if self.handling_plan is None else self.handling_plan["revision"] + 1
