"""A number typed in a form goes to the API as a JSON integer (the APIs take no number as a
string); what is no whole number of 0-9 digits goes as typed, for the API to refuse on its
field, never a crash of the console's own (``int("²")`` and a number of more than 4,300
digits raise in Python)."""

from __future__ import annotations

import pytest

from services.console.domain import forms, forms_communication, forms_surveys
from services.console.domain.forms import number

NOT_A_NUMBER = ["²", "9" * 5000, "-3", "3,5", "tre", "٣"]


def test_digits_become_a_json_integer() -> None:
    assert number("3") == 3 and number("0042") == 42 and number("9" * 18) == 10**18 - 1


@pytest.mark.parametrize("typed", NOT_A_NUMBER)
def test_anything_else_is_sent_as_typed(typed: str) -> None:
    assert number(typed) == typed


@pytest.mark.parametrize("typed", NOT_A_NUMBER)
def test_the_forms_send_it_as_typed_without_raising(typed: str) -> None:
    level = forms.assess_level({"level": [typed], "characteristics": ["x"], "justification": ["j"]})
    assert level.body["level"] == typed
    evening = forms_communication.theme_evening({"capacity": [typed]})
    assert evening.body["capacity"] == typed
    decision = forms_communication.pool_decision({"decision": ["grant"], "amount": [typed]})
    assert decision.body["amount"] is None  # no whole kroner: refused on its field
    assert [e.field for e in decision.errors] == ["amount"]
    survey = forms_surveys.survey_round({"tilbud_id": ["egely"], "year": [typed]})
    assert survey.body["year"] is None and survey.errors
    assert forms.version({"version": [typed]}) is None


def test_a_level_and_a_year_typed_as_digits_are_integers() -> None:
    level = forms.assess_level({"level": ["3"], "characteristics": ["x"], "justification": ["j"]})
    assert level.body["level"] == 3
    survey = forms_surveys.survey_round({"tilbud_id": ["egely"], "year": ["2026"]})
    assert survey.body == {"tilbud_id": "egely", "year": 2026}
