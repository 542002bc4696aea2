"""Plain helpers for the cases domain unit tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from services.cases.domain.case import CollaborationCase
from services.cases.domain.clock import Now
from shared.errors import DomainError

ACTOR = "user-1"
LEADER = "leader-1"
"""A user with role ``leader``; only such a user appoints (themself) as leader."""
CPR = "010190-1234"
T0 = datetime(2030, 1, 5, 10, 0, tzinfo=UTC)
NOW = Now(datetime(2030, 2, 1, tzinfo=UTC))
"""The clock reading handed to commands: after every time the tests record as past."""


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A timezone-aware datetime in January 2030."""
    return datetime(2030, 1, day, hour, minute, tzinfo=UTC)


def new_case(planned_move_in: str | None = "2030-01-10", **overrides: Any) -> CollaborationCase:
    """An open case at version 1."""
    args: dict[str, Any] = {
        "cpr": CPR,
        "citizen_ref": "citizen-1",
        "tilbud_id": "tilbud-1",
        "setting": "nursing_home",
        "planned_move_in": planned_move_in,
        "actor": ACTOR,
    }
    args.update(overrides)
    return CollaborationCase.open(**args)


def add_relative(case: CollaborationCase, relative_id: str = "r1", **overrides: Any) -> None:
    """Add a relative with an e-mail channel."""
    args: dict[str, Any] = {
        "name": "Anna",
        "relation": "daughter",
        "legal_role": "none",
        "channels": {"email": "anna@example.dk"},
        "preferred_channel": "email",
        "actor": ACTOR,
    }
    args.update(overrides)
    case.add_relative(relative_id, **args)


def invited_relative(case: CollaborationCase, relative_id: str = "r1") -> None:
    """Add a relative who may be invited to meetings."""
    add_relative(case, relative_id)
    case.grant_consent(relative_id, "invite_to_meetings", "written", ACTOR)


def plan(level: int) -> dict[str, Any]:
    """A valid handling plan for ``level`` (3 or 4)."""
    focus = {3: ["handling_plan", "conflict_management"], 4: ["clear_plan"]}[level]
    return {
        "focus_areas": focus,
        "actions": [{"action": "Call the daughter", "owner": "leader-1", "due_date": None}],
        "review_date": "2030-02-01",
    }


def expect_error(
    code: str, case: CollaborationCase | None, command: Callable[..., Any], *args: Any, **kw: Any
) -> DomainError:
    """Run ``command``; it must raise ``code`` and trigger no event."""
    before = len(case.pending_events) if case is not None else 0
    with pytest.raises(DomainError) as info:
        command(*args, **kw)
    assert info.value.code == code, info.value.message
    if case is not None:
        assert len(case.pending_events) == before
    return info.value


def event_names(case: CollaborationCase) -> list[str]:
    """Names of the pending events, oldest first."""
    return [type(e).__name__ for e in case.pending_events]


def appoint(case: CollaborationCase, leader: str = LEADER) -> None:
    """``leader`` (a user with role leader) takes responsibility for the case."""
    case.assign_leader(None, leader, actor_is_leader=True)
