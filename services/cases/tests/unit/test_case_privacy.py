"""SubjectErased: who may be erased on a case, and what the state keeps afterwards."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.cases.domain.case_privacy import (
    citizen_subject,
    erasures,
    parse_subject,
    relative_subject,
)
from services.cases.tests.unit.builders import ACTOR, add_relative, new_case
from shared.errors import DomainError

NOW = datetime(2030, 2, 1, tzinfo=UTC)


def _code(call: object) -> str:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


def test_a_relative_is_erased_on_a_closed_case_and_only_once() -> None:
    case = new_case()
    add_relative(case, "r1")
    add_relative(case, "r2", name="Bo", channels={"phone": "+4511223344"}, preferred_channel=None)
    case.close("moved", None, ACTOR)
    subject = relative_subject(case.id, "r1")
    case.erase_subject(subject, "data_subject_request", "dpo")
    assert erasures(case)[subject]["reason"] == "data_subject_request"
    state = case.to_state(NOW)
    r1, r2 = state["relatives"]
    assert r1["name"] is None and r1["channels"] == {"email": None}
    assert r1["erasure"]["erased"] is True and r1["relation"] is None
    assert r2["name"] == "Bo" and "erasure" not in r2
    assert case.cpr is not None and "citizen_erasure" not in state
    assert _code(lambda: case.erase_subject(subject, "data_subject_request", "dpo")) == (
        "subject_already_erased"
    )


def test_the_citizen_is_erased_with_their_free_text() -> None:
    case = new_case()
    case.note_dialogue("n1", "phone", "About the medicine", ["Bo"], ACTOR)
    case.erase_subject(citizen_subject(case.id), "retention_expired", "dpo")
    state = case.to_state(NOW)
    assert case.cpr is None and state["citizen_erasure"]["erased"] is True
    assert state["dialogue_notes"][0]["summary"] is None
    assert state["dialogue_notes"][0]["participants"] == [None]


def test_a_subject_of_another_case_a_bad_id_or_reason_is_refused() -> None:
    case = new_case()
    other = relative_subject("00000000-0000-0000-0000-000000000001", "r1")
    assert _code(lambda: case.erase_subject(other, "data_subject_request", "dpo")) == (
        "subject_not_in_case"
    )
    assert _code(lambda: parse_subject("relative:only-a-case")) == "invalid_subject"
    assert _code(lambda: parse_subject("someone")) == "invalid_subject"
    assert (
        _code(lambda: case.erase_subject(citizen_subject(case.id), "because", "dpo"))
        == "invalid_erasure_reason"
    )
