"""Survey results: answers entered per respondent or imported from the survey staff's CSV;
per question aggregates published only for groups of at least the threshold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.communication.application.ports import Store, StoreTx
from services.communication.domain.survey import Answer, aggregate, check_answer, parse_csv
from shared.contracts import communication as wire
from shared.errors import ConflictError, NotFoundError


class SurveyResults:
    """Thin application methods behind the survey results API (synchronous)."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        questions: frozenset[str],
        min_group: int,
    ) -> None:
        self._store = store
        self._clock = clock
        self._questions = questions
        self._min_group = min_group

    def answer(
        self, tilbud_id: str, year: int, respondent_ref: str, scores: dict[str, int], actor: str
    ) -> int:
        """One respondent's answers per question; answers how many were new."""
        answers = [Answer(respondent_ref, q, s) for q, s in sorted(scores.items())]
        for a in answers:
            check_answer(a, self._questions)
        return self._record(tilbud_id, year, answers, actor)

    def import_csv(self, tilbud_id: str, year: int, text: str, actor: str) -> int:
        """The survey staff's CSV; all or nothing (a bad row: 422 naming its line)."""
        return self._record(tilbud_id, year, parse_csv(text, self._questions), actor)

    def _record(self, tilbud_id: str, year: int, answers: list[Answer], actor: str) -> int:
        round_id = f"{tilbud_id}:{year}"
        now = self._clock()
        with self._store.transaction() as tx:
            if not any(
                r.get("year") == year and r.get("tilbud_id") == tilbud_id
                for r in tx.records("survey", round_id)
            ):
                raise NotFoundError("survey_round_not_found", "no survey round for that year")
            new = 0
            for a in answers:
                key = f"{round_id}:{a.question_id}:{a.respondent_ref}"
                data = {"question": a.question_id, "ref": a.respondent_ref, "score": a.score}
                if tx.put_record("survey_answer", key, data):
                    new += 1
                elif _stored(tx, key, a) != a.score:
                    raise ConflictError(
                        "survey_answer_exists",
                        "the respondent answered this question already with another score",
                        question=a.question_id,
                    )
            for question in sorted({a.question_id for a in answers}):
                self._publish(tx, tilbud_id, year, question, now, actor)
        return new

    def _publish(
        self, tx: StoreTx, tilbud_id: str, year: int, question: str, now: datetime, actor: str
    ) -> None:
        prefix = f"{tilbud_id}:{year}:{question}:"
        scores = [
            int(r["score"])
            for r in tx.records("survey_answer", prefix)
            if r.get("question") == question
        ]
        result = aggregate(question, scores, self._min_group)
        if result is None:
            return
        tx.publish(
            f"survey_results:{tilbud_id}:{year}:{question}:{result.n}",
            f"{tilbud_id}:{year}",
            wire.SurveyResultsPublished(
                occurred_at=now,
                actor=actor,
                tilbud_id=tilbud_id,
                year=year,
                question=question,
                n=result.n,
                mean=result.mean,
                distribution=result.distribution,
            ),
        )


def _stored(tx: StoreTx, key: str, a: Answer) -> int | None:
    for r in tx.records("survey_answer", key):
        if r.get("ref") == a.respondent_ref and r.get("question") == a.question_id:
            return int(r["score"])
    return None
