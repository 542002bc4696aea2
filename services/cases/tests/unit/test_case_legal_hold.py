"""Legal hold: a leader sets and lifts it with a reason code, on open and closed cases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.cases.domain.case import CollaborationCase
from services.cases.domain.case_legal_hold import legal_hold
from services.cases.tests.unit.builders import ACTOR, LEADER, new_case
from shared.errors import DomainError

NOW = datetime(2030, 2, 1, tzinfo=UTC)


def _code(call: object) -> str:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


def test_a_leader_sets_and_lifts_a_hold_on_a_closed_case_and_the_view_shows_it() -> None:
    case = new_case()
    case.close(reason="moved", note=None, actor=ACTOR)
    case.set_legal_hold(reason="litigation", actor=LEADER, actor_is_leader=True)
    hold = case.to_state(NOW)["legal_hold"]
    assert hold["reason"] == "litigation" and hold["set_by"] == LEADER and hold["set_at"]
    case.lift_legal_hold(reason="resolved", actor=LEADER, actor_is_leader=True)
    assert case.to_state(NOW)["legal_hold"] is None
    names = [type(e).__name__ for e in case.collect_events()]
    assert names[-2:] == ["LegalHoldSet", "LegalHoldLifted"]


def test_only_a_leader_with_a_known_reason_and_not_twice() -> None:
    case = new_case()
    assert _code(lambda: case.set_legal_hold("litigation", ACTOR)) == "leader_required"
    assert (
        _code(lambda: case.set_legal_hold("because", LEADER, actor_is_leader=True))
        == "invalid_legal_hold_reason"
    )
    assert _code(lambda: case.lift_legal_hold("resolved", LEADER, True)) == "no_legal_hold"
    case.set_legal_hold("supervision", LEADER, actor_is_leader=True)
    assert _code(lambda: case.set_legal_hold("litigation", LEADER, True)) == (
        "legal_hold_already_set"
    )
    assert _code(lambda: case.lift_legal_hold("resolved", ACTOR)) == "leader_required"


def test_a_hold_survives_replay() -> None:
    case = new_case()
    case.set_legal_hold("police_investigation", LEADER, actor_is_leader=True)
    events = case.collect_events()
    copy: CollaborationCase | None = None
    for e in events:
        copy = e.mutate(copy)
    assert copy is not None and legal_hold(copy) is not None
    assert legal_hold(copy)["reason"] == "police_investigation"  # type: ignore[index]
