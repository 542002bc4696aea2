"""The satisfaction survey's results: answers on a 1-5 scale, published only as
aggregates of a group of at least ``min_group`` respondents, never per person.

A respondent is an opaque reference (``respondent_ref``) the survey staff give; no name
or contact detail is kept. The CSV the survey staff provide has the columns
``respondent_ref,question_id,score``; a bad row is refused naming its line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from shared.errors import DomainError

SCALE = (1, 2, 3, 4, 5)
CSV_COLUMNS = ("respondent_ref", "question_id", "score")
MAX_CSV_ROWS = 100_000
_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


@dataclass(frozen=True)
class Answer:
    """One respondent's answer to one question."""

    respondent_ref: str
    question_id: str
    score: int


@dataclass(frozen=True)
class Aggregate:
    """A question's result for a group: how many answered, the mean, and per score how many."""

    question_id: str
    n: int
    mean: float
    distribution: dict[str, int]


def check_answer(answer: Answer, questions: frozenset[str], line: int | None = None) -> None:
    """Refuse an opaque ref that is not one, an unknown question, a score off the scale."""
    where = {"line": line} if line is not None else {}
    if not _REF.match(answer.respondent_ref):
        raise DomainError(
            "invalid_respondent_ref",
            _at(line, "respondent_ref must be an opaque id (letters, digits, . _ : -)"),
            **where,
        )
    if answer.question_id not in questions:
        raise DomainError(
            "unknown_survey_question",
            _at(line, "no such survey question (see details.questions)"),
            questions=sorted(questions),
            **where,
        )
    if answer.score not in SCALE:
        raise DomainError(
            "invalid_survey_score", _at(line, "a score is a whole number 1 to 5"), **where
        )


def parse_csv(text: str, questions: frozenset[str]) -> list[Answer]:
    """Answers from the survey staff's CSV (header ``respondent_ref,question_id,score``)."""
    rows = _rows(text)
    if not rows or tuple(c.strip() for c in rows[0]) != CSV_COLUMNS:
        raise DomainError(
            "invalid_survey_csv",
            "line 1: the header must be respondent_ref,question_id,score",
            line=1,
        )
    if len(rows) - 1 > MAX_CSV_ROWS:
        raise DomainError("invalid_survey_csv", f"at most {MAX_CSV_ROWS} rows", line=1)
    answers: list[Answer] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            raise DomainError(
                "invalid_survey_csv", f"line {line}: expected 3 columns, got {len(row)}", line=line
            )
        ref, question, raw = (c.strip() for c in row)
        if not re.fullmatch(r"[0-9]{1,2}", raw):
            raise DomainError(
                "invalid_survey_score", f"line {line}: a score is a whole number 1 to 5", line=line
            )
        answer = Answer(ref, question, int(raw))
        check_answer(answer, questions, line)
        if (ref, question) in seen:
            raise DomainError(
                "duplicate_survey_answer",
                f"line {line}: the respondent answered this question on line "
                f"{seen[(ref, question)]}",
                line=line,
            )
        seen[(ref, question)] = line
        answers.append(answer)
    return answers


def aggregate(question_id: str, scores: list[int], min_group: int) -> Aggregate | None:
    """The group's result, or None when fewer than ``min_group`` answered (suppressed)."""
    n = len(scores)
    if n == 0 or n < max(min_group, 1):
        return None
    distribution = {str(s): scores.count(s) for s in SCALE}
    return Aggregate(question_id, n, round(sum(scores) / n, 2), distribution)


def _rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        line = reader.line_num or 1
        raise DomainError(
            "invalid_survey_csv", f"line {line}: not a readable CSV row", line=line
        ) from exc
    return rows


def _at(line: int | None, message: str) -> str:
    return f"line {line}: {message}" if line is not None else message
