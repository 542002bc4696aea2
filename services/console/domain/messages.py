"""Danish sentences for the APIs' stable error codes, attached to the form field they
concern (GOV.UK pattern: an error summary at the top, the message beside its field)."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from pathlib import Path
from typing import Any

_CATALOGUE = Path(__file__).with_name("errors_da.json")

# pydantic's error types as the APIs report them under ``invalid_request``.
_VALIDATION_CODES = {
    "missing": "required",
    "string_too_short": "required",
    "date_from_datetime_parsing": "invalid_date",
    "date_parsing": "invalid_date",
    "date_type": "invalid_date",
    "datetime_from_date_parsing": "invalid_datetime",
    "datetime_parsing": "invalid_datetime",
    "timezone_aware": "invalid_datetime",
    "int_parsing": "invalid_request",
}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every code with its Danish text (and the field it belongs to, if fixed)."""
    raw: dict[str, Any] = json.loads(_CATALOGUE.read_text(encoding="utf-8"))
    return {code: entry for code, entry in raw.items() if not code.startswith("_")}


def danish(code: str) -> str:
    """The Danish sentence for ``code``; an unknown code still tells support which."""
    entry = catalogue().get(code)
    if entry is None:
        return f"{catalogue()['unknown_error']['text']} (kode: {code})"
    return entry["text"]


class ApiProblem(Exception):
    """Another service's API answered with an error: status, stable code and details."""

    def __init__(
        self, status: int, code: str, message: str = "", details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}

    @property
    def current_version(self) -> int | None:
        value = self.details.get("current_version")
        return int(value) if isinstance(value, int) else None


# Sentences that do not say which field they are about ("Feltet skal udfyldes."): the
# error summary puts the field's label before them.
_UNNAMED = frozenset({"required", "choose_one", "invalid_date", "invalid_datetime",
                      "blank_text", "invalid_request"})  # fmt: skip


@dataclass(frozen=True)
class FieldError:
    """One error shown to the user: beside ``field`` (a form field's name) if set."""

    text: str
    field: str | None = None
    code: str = dataclass_field(default="", compare=False)

    @property
    def names_no_field(self) -> bool:
        """Whether the summary must name the field, the sentence alone not saying which."""
        return self.code in _UNNAMED


def field_error(code: str, field: str | None) -> FieldError:
    return FieldError(danish(code), field, code)


def _placed(field: str | None, code: str, fields: Collection[str]) -> str | None:
    for candidate in (field, catalogue().get(code, {}).get("field")):
        if candidate and candidate in fields:
            return candidate
    return None


def problem_errors(problem: ApiProblem, fields: Collection[str]) -> list[FieldError]:
    """The Danish errors of an API problem, placed on the form's fields where they belong."""
    if problem.code == "invalid_request":
        found = []
        for error in problem.details.get("errors", []):
            names = [p for p in error.get("loc", []) if isinstance(p, str) and p != "body"]
            name = names[-1] if names else None
            code = _VALIDATION_CODES.get(str(error.get("type", "")), "invalid_request")
            if code == "invalid_request" and name and f"invalid_{name}" in catalogue():
                code = f"invalid_{name}"  # the field's own sentence (a CPR number's form)
            found.append(field_error(code, _placed(name, code, fields)))
        return found or [field_error("invalid_request", None)]
    field = problem.details.get("field")
    named = field if isinstance(field, str) else None
    return [field_error(problem.code, _placed(named, problem.code, fields))]
