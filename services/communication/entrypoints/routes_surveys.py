"""Satisfaction survey results, entered by the survey staff (role communications)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from services.communication.entrypoints.deps import Communications, Surveys, run
from services.communication.entrypoints.schemas import SurveyAnswers, SurveyImported
from shared.errors import DomainError
from shared.http.fields import Ref

router = APIRouter(tags=["surveys"])
MAX_CSV_BYTES = 5_000_000
Year = Annotated[int, Path(ge=2000, le=2100)]
CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "Header respondent_ref,question_id,score; one answer per line.",
    }
}


@router.post("/surveys/{tilbud}/{year}/responses", status_code=201)
async def record_answers(
    tilbud: Ref, year: Year, body: SurveyAnswers, user: Communications, surveys: Surveys
) -> SurveyImported:
    """One respondent's answers per question (1-5); results are published per question
    only for groups of at least the configured threshold, never per person."""
    n = await run(surveys.answer, tilbud, year, body.respondent_ref, body.scores, user.sub)
    return SurveyImported(tilbud_id=tilbud, year=year, recorded=n)


@router.post("/surveys/{tilbud}/{year}/responses/import", openapi_extra=CSV_BODY)
async def import_answers(
    tilbud: Ref, year: Year, request: Request, user: Communications, surveys: Surveys
) -> SurveyImported:
    """The survey staff's CSV (all or nothing; a bad row: 422 naming its line)."""
    raw = await request.body()
    if len(raw) > MAX_CSV_BYTES:
        raise DomainError("invalid_survey_csv", f"at most {MAX_CSV_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError("invalid_survey_csv", "the CSV must be UTF-8") from exc
    n = await run(surveys.import_csv, tilbud, year, text, user.sub)
    return SurveyImported(tilbud_id=tilbud, year=year, recorded=n)
