"""The relatives' named contact person, and relatives' involvement in the health area."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.cases.adapters.wire import to_wire
from services.cases.domain.case_involvement import involvement_kinds
from services.cases.domain.clock import Now
from services.cases.tests.unit.builders import ACTOR, NOW, add_relative, new_case
from shared.contracts import cases as wire
from shared.errors import DomainError


def _code(call: object) -> str:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


def test_a_contact_person_is_assigned_changed_and_the_previous_kept() -> None:
    case = new_case()
    assert case.to_state(NOW.at)["contact_person"] is None
    case.assign_contact_person("staff-7", "Mette Holm", ACTOR)
    case.assign_contact_person("staff-9", "Jonas Berg", ACTOR)
    state = case.to_state(NOW.at)
    assert state["contact_person"]["staff_id"] == "staff-9"
    assert state["contact_person"]["display_name"] == "Jonas Berg"
    [previous] = state["contact_person_history"]
    assert previous["staff_id"] == "staff-7" and previous["until"]
    events = case.collect_events()
    published = to_wire(events[-1])
    assert isinstance(published, wire.ContactPersonAssigned)
    assert (published.staff_id, published.previous_staff_id) == ("staff-9", "staff-7")
    assert "Jonas" not in published.model_dump_json()


def test_the_same_contact_person_again_is_a_conflict_and_a_closed_case_refuses() -> None:
    case = new_case()
    case.assign_contact_person("staff-7", "Mette Holm", ACTOR)
    assert _code(lambda: case.assign_contact_person("staff-7", "Mette Holm", ACTOR)) == (
        "contact_person_unchanged"
    )
    assert _code(lambda: case.assign_contact_person(" ", "Mette", ACTOR)) == "blank_text"
    case.close(reason="moved", note=None, actor=ACTOR)
    assert _code(lambda: case.assign_contact_person("staff-9", "Jonas", ACTOR)) == "case_closed"


def test_erasing_the_case_clears_the_contact_persons_names() -> None:
    case = new_case()
    case.assign_contact_person("staff-7", "Mette Holm", ACTOR)
    case.assign_contact_person("staff-9", "Jonas Berg", ACTOR)
    case.erase_subject(f"citizen:{case.id}", "retention_expired", ACTOR)
    state = case.to_state(NOW.at)
    assert state["contact_person"]["display_name"] is None
    assert state["contact_person"]["staff_id"] == "staff-9"
    assert state["contact_person_history"][0]["display_name"] is None


def test_an_involvement_is_recorded_with_kind_date_and_relatives() -> None:
    case = new_case()
    add_relative(case, "r1")
    case.record_involvement("i1", "care_decision", "2030-01-20", ["r1"], ACTOR, NOW)
    [involvement] = case.to_state(NOW.at)["involvements"]
    assert involvement["kind"] == "care_decision"
    assert involvement["involved_on"] == "2030-01-20" and involvement["relative_ids"] == ["r1"]
    published = to_wire(case.collect_events()[-1])
    assert isinstance(published, wire.RelativesInvolved)
    assert str(published.involved_on) == "2030-01-20" and published.relative_ids == ["r1"]


def test_an_involvement_breaking_a_rule_is_refused() -> None:
    case = new_case()
    add_relative(case, "r1")
    record = case.record_involvement
    assert _code(lambda: record("i", "picnic", "2030-01-20", ["r1"], ACTOR, NOW)) == (
        "invalid_involvement_kind"
    )
    assert _code(lambda: record("i", "care_decision", "2030-01-20", ["rx"], ACTOR, NOW)) == (
        "relative_not_found"
    )
    assert _code(lambda: record("i", "care_decision", "2030-01-20", [], ACTOR, NOW)) == (
        "involvement_needs_relatives"
    )
    assert _code(lambda: record("i", "care_decision", "20.1.2030", ["r1"], ACTOR, NOW)) == (
        "invalid_date"
    )
    record("i", "care_decision", "2030-01-20", ["r1"], ACTOR, NOW)
    assert _code(lambda: record("i", "care_decision", "2030-01-20", ["r1"], ACTOR, NOW)) == (
        "involvement_exists"
    )


def test_a_future_day_is_refused_beyond_the_clock_skew_in_danish_time() -> None:
    case = new_case()
    add_relative(case, "r1")
    # 23:30 UTC on 31 January is already 1 February in Copenhagen.
    late = Now(datetime(2030, 1, 31, 23, 30, tzinfo=UTC))
    case.record_involvement("i1", "effort_planning", "2030-02-01", ["r1"], ACTOR, late)
    early = Now(datetime(2030, 1, 31, 12, 0, tzinfo=UTC), skew=timedelta(minutes=5))
    assert _code(
        lambda: case.record_involvement("i2", "effort_planning", "2030-02-01", ["r1"], ACTOR, early)
    ) == ("time_in_future")


def test_the_wire_contract_lists_the_domains_catalogue() -> None:
    assert sorted(wire.INVOLVEMENT_KINDS) == sorted(involvement_kinds())
    assert all(kind["label_da"] for kind in involvement_kinds().values())
