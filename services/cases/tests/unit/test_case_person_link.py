"""A relative entry is linked to a person (an opaque UUID, no CPR), so that a relative
of two citizens (a parent of two residents) is one person across cases."""

from __future__ import annotations

from uuid import UUID

from services.cases.adapters.wire import to_wire
from services.cases.tests.unit.builders import ACTOR, add_relative, expect_error, new_case
from shared.contracts import cases as contract

PARENT = "0b8a6f3e-5c1d-4e7a-9f20-3d4c5b6a7e81"


def test_the_parent_of_two_is_linked_to_one_person_on_both_cases() -> None:
    first, second = new_case(), new_case(citizen_ref="citizen-2")
    add_relative(first, "ra")
    add_relative(second, "rb")
    first.link_relative_to_person("ra", PARENT, ACTOR)
    second.link_relative_to_person("rb", PARENT.upper(), ACTOR)
    assert first.relatives["ra"]["person_id"] == second.relatives["rb"]["person_id"] == PARENT
    published = to_wire(second.pending_events[-1])
    assert isinstance(published, contract.RelativeLinkedToPerson)
    assert published.person_id == UUID(PARENT) and published.relative_id == "rb"
    body = published.model_dump_json()
    assert "Anna" not in body and "cpr" not in body  # ids only on the wire


def test_a_link_needs_a_known_relative_and_a_uuid_and_is_not_repeated() -> None:
    case = new_case()
    add_relative(case, "ra")
    expect_error("unknown_relative", case, case.link_relative_to_person, "rx", PARENT, ACTOR)
    expect_error("invalid_person_id", case, case.link_relative_to_person, "ra", "0101011234", ACTOR)
    case.link_relative_to_person("ra", PARENT, ACTOR)
    expect_error("relative_already_linked", case, case.link_relative_to_person, "ra", PARENT, ACTOR)
