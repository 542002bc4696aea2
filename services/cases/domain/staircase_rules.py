"""Pure guards for the staircase: level assessments and handling plans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from services.cases.domain.catalogue import StaircaseCatalogue
from services.cases.domain.validation import optional_iso_date, require_iso_date, require_text
from shared.errors import ConflictError, DomainError, ForbiddenError

PLAN_LEVELS = frozenset({3, 4})
"""Levels at which a handling plan is required."""

LEADER_LEVEL = 4
"""Level at which management takes responsibility (principle 4)."""


def characteristics_for_level(
    catalogue: StaircaseCatalogue, level: int, characteristics: Iterable[str]
) -> list[str]:
    """Observed characteristics: at least one, all belonging to ``level``."""
    allowed = catalogue.characteristic_codes(level)
    codes = list(dict.fromkeys(characteristics))
    if not codes:
        raise DomainError(
            "characteristics_required",
            "At least one observed characteristic is required.",
            level=level,
        )
    for code in codes:
        if code not in allowed:
            raise DomainError(
                "characteristic_not_in_level",
                f"Characteristic {code!r} does not belong to level {level}.",
                characteristic=code,
                level=level,
            )
    return codes


def focus_areas_for(
    catalogue: StaircaseCatalogue, focus_areas: Iterable[str], level: int | None
) -> list[str]:
    """Plan focus areas from the catalogue; from ``level`` itself at levels 3-4."""
    codes = list(dict.fromkeys(focus_areas))
    if not codes:
        raise DomainError("focus_areas_required", "A plan needs at least one focus area.")
    known = catalogue.all_focus_area_codes()
    for code in codes:
        if code not in known:
            raise DomainError(
                "unknown_focus_area", f"Unknown focus area {code!r}.", focus_area=code
            )
    if level in PLAN_LEVELS:
        allowed = catalogue.focus_area_codes(level)
        for code in codes:
            if code not in allowed:
                raise DomainError(
                    "focus_area_not_in_level",
                    f"Focus area {code!r} does not belong to level {level}.",
                    focus_area=code,
                    level=level,
                )
    return codes


def plan_actions(actions: object) -> list[dict[str, str | None]]:
    """Plan actions as ``{action, owner, due_date}`` with required texts."""
    if isinstance(actions, (str, Mapping)) or not isinstance(actions, Iterable):
        raise DomainError("blank_text", "'actions' must be a list.", field="actions")
    result: list[dict[str, str | None]] = []
    for item in actions:
        if not isinstance(item, Mapping):
            raise DomainError("blank_text", "Each action must be an object.", field="actions")
        result.append(
            {
                "action": require_text(item.get("action"), "actions.action"),
                "owner": require_text(item.get("owner"), "actions.owner"),
                "due_date": optional_iso_date(item.get("due_date"), "actions.due_date"),
            }
        )
    return result


def handling_plan(
    catalogue: StaircaseCatalogue, plan: Mapping[str, Any], level: int | None
) -> dict[str, Any]:
    """A whole plan given as ``{focus_areas, actions, review_date}``."""
    return {
        "focus_areas": focus_areas_for(catalogue, plan.get("focus_areas") or [], level),
        "actions": plan_actions(plan.get("actions") or []),
        "review_date": require_iso_date(plan.get("review_date"), "review_date"),
    }


def plan_fits_level(
    catalogue: StaircaseCatalogue, plan: Mapping[str, Any] | None, level: int
) -> bool:
    """Whether an existing plan satisfies the plan requirement of ``level``."""
    if plan is None:
        return False
    allowed = catalogue.focus_area_codes(level)
    return all(code in allowed for code in plan["focus_areas"])


def justification(value: object) -> str:
    """Every level assessment must say why."""
    if not isinstance(value, str) or not value.strip():
        raise DomainError("justification_required", "A level assessment must be justified.")
    return value.strip()


def require_plan_for(
    catalogue: StaircaseCatalogue,
    level: int,
    new_plan: Mapping[str, Any] | None,
    current_plan: Mapping[str, Any] | None,
) -> None:
    """At levels 3-4 a plan with focus areas from that level must be in force."""
    if level not in PLAN_LEVELS or new_plan is not None:
        return
    if not plan_fits_level(catalogue, current_plan, level):
        raise DomainError(
            "plan_required",
            f"Level {level} requires a handling plan with focus areas from that level.",
            level=level,
            has_plan=current_plan is not None,
        )


def require_leader_for(level: int, new_leader: str | None, current_leader: str | None) -> None:
    """At level 4 a named leader must own the case."""
    if level == LEADER_LEVEL and new_leader is None and current_leader is None:
        raise DomainError(
            "leader_required", f"Level {level} requires a responsible leader.", level=level
        )


def appointee(leader: object, actor: str, actor_is_leader: bool) -> str:
    """The responsible leader to appoint: the acting user, who must hold role leader.

    Only the acting user's roles are known to the case, so a leader appoints only
    themself; another leader takes responsibility with their own command.
    """
    named = actor if leader is None else require_text(leader, "leader")
    if not actor_is_leader:
        raise ForbiddenError(
            "leader_role_required",
            "Only a user with role 'leader' appoints the responsible leader.",
        )
    if named != actor:
        raise ForbiddenError(
            "leader_role_required",
            "A leader appoints only themself: the role of anyone else is not known here, "
            "so the other leader takes responsibility themself.",
        )
    return named


def require_no_other_leader(new_leader: str | None, current_leader: str | None) -> None:
    """A level assessment never replaces the responsible leader; taking over is explicit."""
    if new_leader is not None and current_leader not in (None, new_leader):
        raise ConflictError(
            "leader_already_assigned",
            "The case already has a responsible leader; another leader takes it over "
            "explicitly (assign leader), not through a level assessment.",
        )
