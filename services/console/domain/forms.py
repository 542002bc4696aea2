"""Plain HTML forms turned into the APIs' request bodies. Only what a browser form
cannot express is checked here (a field left empty, a date that does not parse); every
business rule is the API's to decide."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.console.domain.messages import FieldError, field_error
from services.console.domain.timefmt import local_datetime, valid_date

Form = Mapping[str, Sequence[str]]


@dataclass
class Parsed:
    """A request body, or the errors that keep it from being sent."""

    body: dict[str, Any] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)


class _Reader:
    def __init__(self, form: Form) -> None:
        self.form = form
        self.errors: list[FieldError] = []

    def text(self, name: str, required: bool = True) -> str:
        value = (self.form.get(name) or [""])[0].strip()
        if required and not value:
            self.errors.append(field_error("required", name))
        return value

    def many(self, name: str, required: bool = False) -> list[str]:
        values = [v for v in self.form.get(name, []) if v.strip()]
        if required and not values:
            self.errors.append(field_error("choose_one", name))
        return values

    def date(self, name: str, required: bool = True) -> str | None:
        value = self.text(name, required)
        if value and not valid_date(value):
            self.errors.append(field_error("invalid_date", name))
        return value or None

    def moment(self, day_name: str, clock_name: str) -> str | None:
        day, clock = self.text(day_name), self.text(clock_name)
        if not (day and clock):
            return None
        moment = local_datetime(day, clock)
        if moment is None:
            self.errors.append(field_error("invalid_datetime", day_name))
            return None
        return moment.isoformat()


def open_case(form: Form) -> Parsed:
    r = _Reader(form)
    body = {
        "cpr": r.text("cpr").replace("-", "").replace(" ", ""),
        "tilbud_id": r.text("tilbud_id"),
        "setting": r.text("setting"),
        "planned_move_in": r.date("planned_move_in", required=False),
    }
    return Parsed(body, r.errors)


def add_relative(form: Form) -> Parsed:
    r = _Reader(form)
    channels = {k: r.text(k, required=False) for k in ("email", "phone")}
    body = {
        "name": r.text("name"),
        "relation": r.text("relation"),
        "legal_role": r.text("legal_role", required=False) or "none",
        "channels": {k: v for k, v in channels.items() if v},
    }
    return Parsed(body, r.errors)


def grant_consent(form: Form) -> Parsed:
    """A consent given or withdrawn: scope and form (oral or written), for one relative."""
    r = _Reader(form)
    body = {"scope": r.text("scope"), "form": r.text("form")}
    r.text("relative_id")
    return Parsed(body, r.errors)


def hold_move_in(form: Form) -> Parsed:
    r = _Reader(form)
    body: dict[str, Any] = {
        "held_at": r.moment("held_at", "held_time"),
        "covered_items": r.many("covered_items", required=True),
        "participant_relative_ids": r.many("participant_relative_ids"),
        "citizen_participated": r.text("citizen_participated", required=False) != "no",
    }
    topic = r.text("agreement_topic", required=False)
    if topic:
        body["agreements"] = [
            {
                "topic": topic,
                "responsible": r.text("agreement_responsible"),
                "due_date": r.date("agreement_due_date", required=False),
            }
        ]
    return Parsed(body, r.errors)


def number(typed: str) -> int | str:
    """A whole number typed in a form as the JSON integer the APIs take (they take no
    number as a string); anything else (a sign, a digit other than 0-9 such as "²", more
    than 18 digits) as typed, for the API to refuse on its field (``int()`` would raise)."""
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) <= 18 else typed


# Whole kroner: plain ASCII digits, or groups of three after a point (Danish thousands
# separator: 100.000) or a space (100 000), one separator throughout. "10.00", "3.5",
# "1.2.3" and "1 0 0" are no amount (each was read as its digits run together: 10.00 kr.
# opened a pool of 1.000 kr.).
_KRONER = re.compile(r"[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]{0,2}(?: [0-9]{3})+")


def kroner(r: _Reader, name: str, required: bool = True) -> int | None:
    """An amount in whole kroner (80000, 80.000 or 80 000) as a JSON integer; anything
    else is refused on its field (``invalid_amount``) and nothing is sent. Empty: None."""
    value = r.text(name, required).replace("\N{NO-BREAK SPACE}", " ")
    if not value:
        return None
    found = number(value.replace(".", "").replace(" ", "")) if _KRONER.fullmatch(value) else ""
    if isinstance(found, str):  # no amount, or more than number's 18 digits
        r.errors.append(field_error("invalid_amount", name))
        return None
    return found


def assess_level(form: Form) -> Parsed:
    r = _Reader(form)
    level = r.text("level")
    body: dict[str, Any] = {
        "level": number(level),
        "characteristics": r.many("characteristics", required=True),
        "justification": r.text("justification"),
        "leader": r.text("leader", required=False) or None,
    }
    focus_areas = r.many("focus_areas")
    if focus_areas or r.text("review_date", required=False):
        body["plan"] = {"focus_areas": focus_areas, "review_date": r.date("review_date")}
    return Parsed(body, r.errors)


def report_incident(form: Form) -> Parsed:
    r = _Reader(form)
    body = {
        "kind": r.text("kind"),
        "against": r.text("against", required=False) or None,
        "occurred_at": r.moment("occurred_at", "occurred_time"),
        "description": r.text("description"),
    }
    return Parsed(body, r.errors)


def receive_complaint(form: Form) -> Parsed:
    r = _Reader(form)
    body = {
        "complainant": r.text("complainant"),
        "channel": r.text("channel"),
        "summary": r.text("summary"),
    }
    return Parsed(body, r.errors)


def settle_agreement(form: Form) -> Parsed:
    """Kept or broken (``outcome``), with a note when broken."""
    r = _Reader(form)
    outcome = r.text("outcome")
    note = r.text("note", required=False)
    return Parsed({"outcome": outcome, "note": note or None}, r.errors)


def first_contact(form: Form) -> Parsed:
    """Contact made now (the API stamps the time)."""
    return Parsed({}, [])


def assign_leader(form: Form) -> Parsed:
    r = _Reader(form)
    return Parsed({"leader": r.text("leader", required=False) or None}, r.errors)


def version(form: Form) -> int | None:
    """The case version the form was rendered with (sent back as ``If-Match``)."""
    found = number((form.get("version") or [""])[0])
    return found if isinstance(found, int) else None
