"""Survey results: the threshold, never per person, and the CSV's errors naming the line."""

from __future__ import annotations

import pytest

from services.communication.domain.survey import Answer, aggregate, check_answer, parse_csv
from shared.errors import DomainError

QUESTIONS = frozenset({"overall", "informed"})


def test_a_group_under_the_threshold_is_suppressed() -> None:
    assert aggregate("overall", [5, 4, 3, 4], min_group=5) is None
    result = aggregate("overall", [5, 4, 3, 4, 2], min_group=5)
    assert result is not None
    assert (result.n, result.mean) == (5, 3.6)
    assert result.distribution == {"1": 0, "2": 1, "3": 1, "4": 2, "5": 1}


def test_never_per_person_even_with_a_threshold_of_one_asked_for_zero() -> None:
    assert aggregate("overall", [], min_group=0) is None
    result = aggregate("overall", [4, 2, 5, 5, 1], min_group=5)
    assert result is not None
    assert set(vars(result)) == {"question_id", "n", "mean", "distribution"}


def test_csv_is_parsed() -> None:
    text = "respondent_ref,question_id,score\nr1,overall,4\n\nr2,informed,5\n"
    assert parse_csv(text, QUESTIONS) == [Answer("r1", "overall", 4), Answer("r2", "informed", 5)]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("name,question,score\n", "invalid_survey_csv", 1),
        ("respondent_ref,question_id,score\nr1,overall,4\nr2,overall\n", "invalid_survey_csv", 3),
        ("respondent_ref,question_id,score\nr1,overall,6\n", "invalid_survey_score", 2),
        ("respondent_ref,question_id,score\nr1,overall,x\n", "invalid_survey_score", 2),
        ("respondent_ref,question_id,score\nr1,food,3\n", "unknown_survey_question", 2),
        ("respondent_ref,question_id,score\nAnna Jensen,overall,3\n", "invalid_respondent_ref", 2),
        (
            "respondent_ref,question_id,score\nr1,overall,3\nr1,overall,4\n",
            "duplicate_survey_answer",
            3,
        ),
    ],
)
def test_a_bad_row_is_refused_naming_its_line(text: str, code: str, line: int) -> None:
    with pytest.raises(DomainError) as err:
        parse_csv(text, QUESTIONS)
    assert err.value.code == code
    assert err.value.details["line"] == line
    assert f"line {line}" in err.value.message


def test_a_single_answer_is_checked() -> None:
    with pytest.raises(DomainError) as err:
        check_answer(Answer("r1", "overall", 0), QUESTIONS)
    assert err.value.code == "invalid_survey_score"


def test_a_field_too_large_for_csv_is_refused_naming_its_line() -> None:
    text = 'respondent_ref,question_id,score\nr1,overall,4\nr2,"' + "x" * 200_000 + '",3\n'
    with pytest.raises(DomainError) as err:
        parse_csv(text, QUESTIONS)
    assert err.value.code == "invalid_survey_csv" and err.value.details["line"] == 3
