"""Every error code the cases API can answer has a Danish sentence, and errors land on
the form field they concern."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from services.console.domain.labels import labels
from services.console.domain.messages import (
    ApiProblem,
    FieldError,
    catalogue,
    danish,
    problem_errors,
)

ROOT = Path(__file__).resolve().parents[4]
# A code is the first argument of an error, or the code argument of a require_* helper.
_RAISED = re.compile(r'Error\(\s*"([a-z]+(?:_[a-z]+)+)"')
_REQUIRED = re.compile(r'require_\w+\([^;]{0,200}?"([a-z]+(?:_[a-z]+)+)",\s*"[a-z_]+",?\s*\)')
# Codes built at run time or by the HTTP layer (shared.groupcommit, shared.http.errors).
SHARED = {"case_exists", "case_not_found", "version_conflict", "invalid_request",
          "unauthenticated", "forbidden", "not_found", "method_not_allowed", "http_error",
          "projection_behind"}  # fmt: skip


def codes_in(*folders: str) -> set[str]:
    found: set[str] = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if "tests" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            found |= set(_RAISED.findall(text)) | set(_REQUIRED.findall(text))
    return found


def test_every_code_of_the_cases_api_has_a_danish_text() -> None:
    codes = codes_in("services/cases", "shared/http") | SHARED
    assert len(codes) > 40
    missing = sorted(codes - set(catalogue()))
    assert not missing, f"add Danish texts to services/console/domain/errors_da.json: {missing}"


def test_every_code_of_the_read_side_councils_and_communication_has_a_danish_text() -> None:
    codes = codes_in("services/readside", "services/councils", "services/communication")
    assert len(codes) > 50
    missing = sorted(codes - set(catalogue()))
    assert not missing, f"add Danish texts to services/console/domain/errors_da.json: {missing}"


def test_an_unknown_code_still_names_itself_for_support() -> None:
    assert "kode: brand_new_code" in danish("brand_new_code")


def test_a_rule_error_is_placed_on_its_field() -> None:
    problem = ApiProblem(422, "invalid_cpr", "bad", {"field": "cpr"})
    [error] = problem_errors(problem, ["cpr", "tilbud_id"])
    assert error.field == "cpr" and error.text.startswith("Skriv CPR-nummeret")


def test_a_code_with_a_known_field_is_placed_even_without_details() -> None:
    [error] = problem_errors(ApiProblem(422, "plan_required"), ["focus_areas", "level"])
    assert error.field == "focus_areas"


def test_a_field_the_form_lacks_goes_to_the_summary_only() -> None:
    [error] = problem_errors(ApiProblem(422, "blank_text", "", {"field": "note"}), ["name"])
    assert error.field is None and error.text == "Feltet skal udfyldes."


def test_validation_errors_become_danish_per_field() -> None:
    details = {
        "errors": [
            {"loc": ["body", "plan", "review_date"], "type": "date_from_datetime_parsing"},
            {"loc": ["body", "justification"], "type": "missing"},
        ]
    }
    errors = problem_errors(ApiProblem(422, "invalid_request", "", details), ["review_date"])
    assert [(e.field, e.text) for e in errors] == [
        ("review_date", danish("invalid_date")),
        (None, danish("required")),
    ]


def test_every_role_has_a_danish_name_on_the_sign_in_page() -> None:
    from shared.auth import Role

    missing = [r.value for r in Role if r.value not in labels()["role"]]
    assert not missing, f"add Danish names to labels_da.json 'role': {missing}"


def test_a_field_refused_by_the_api_s_schema_gets_its_own_sentence() -> None:
    details = {"errors": [{"loc": ["body", "cpr"], "type": "string_pattern_mismatch"}]}
    errors = problem_errors(ApiProblem(422, "invalid_request", "", details), ["cpr"])
    assert errors == [FieldError(danish("invalid_cpr"), "cpr")]


def _codes(model: Any, name: str) -> list[str]:
    extra = model.model_fields[name].json_schema_extra
    return list(extra["x-codes"])


def test_every_message_kind_has_a_danish_name() -> None:
    from shared.contracts.communication import KINDS_V2

    known = {**labels()["message_kind"], **labels()["message_kind_required"]}
    missing = [kind for kind in KINDS_V2 if kind not in known]
    assert not missing, f"add Danish names to labels_da.json 'message_kind': {missing}"
    assert labels()["message_kind"]["code_of_conduct"] == "Kodeks for samarbejde"


def test_only_kinds_a_relative_may_opt_out_of_are_offered() -> None:
    required = labels()["message_kind_required"]
    assert not set(required) & set(labels()["message_kind"])
    assert {"welcome", "leader_alert", "complaint_acknowledgement"} <= set(required)


def test_every_value_the_communication_and_councils_events_carry_has_a_danish_label() -> None:
    from shared.contracts import communication, councils

    values = {
        "recipient_type": communication.RECIPIENT_TYPES,
        "channel": communication.CHANNELS,
        "council_kind": _codes(councils.CouncilFormed, "kind"),
        "member_kind": _codes(councils.MemberJoined, "kind"),
        "meeting_kind": _codes(councils.MeetingScheduled, "kind"),
        "decided_as": _codes(councils.PoolDecision, "decided_as"),
        "leader_position": _codes(councils.LeaderHiringRecorded, "position"),
        "training_audience": _codes(councils.TrainingSessionHeld, "audience"),
    }
    missing = {k: [v for v in vs if v not in labels()[k]] for k, vs in values.items()}
    assert not any(missing.values()), f"add Danish labels to labels_da.json: {missing}"
