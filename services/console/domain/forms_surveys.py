"""The survey staff's forms: a round to start (tilbud and year) and the answers of a
round as the survey staff's CSV, turned into the communication API's bodies."""

from __future__ import annotations

from services.console.domain.forms import Form, Parsed, _Reader, number
from services.console.domain.messages import field_error

CSV_HEADER = "respondent_ref,question_id,score"


def year_of(raw: str) -> int | None:
    """A year the API can take (2000..2100), else None."""
    year = number(raw)
    return year if isinstance(year, int) and 2000 <= year <= 2100 else None


def survey_round(form: Form, prefix: str = "") -> Parsed:
    """The tilbud chosen and the round's year (fields ``open_...`` in the form that
    opens a round beside the one that starts it)."""
    r = _Reader(form)
    tilbud_id = r.text(prefix + "tilbud_id")
    raw = r.text(prefix + "year")
    year = year_of(raw)
    if raw and year is None:
        r.errors.append(field_error("invalid_survey_year", prefix + "year"))
    return Parsed({"tilbud_id": tilbud_id, "year": year}, r.errors)


def survey_answers(form: Form) -> Parsed:
    """The CSV pasted in; the header is added when the survey staff left it out."""
    r = _Reader(form)
    text = r.text("answers")
    if text and not text.lower().startswith("respondent_ref"):
        text = f"{CSV_HEADER}\n{text}"
    return Parsed({"csv": text + "\n" if text else ""}, r.errors)
