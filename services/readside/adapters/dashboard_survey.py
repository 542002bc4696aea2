"""Dashboard figure: the relatives' satisfaction (the survey, every fourth year per tilbud)
and its change since the previous round; per tilbud, rolled up per centre, department and
the municipality. Only ``survey_results_published`` aggregates arrive (groups of at least
the communication service's threshold); the read side applies the threshold again
(``SURVEY_MIN_GROUP``) to every group it shows, a roll-up included, and lists the
suppressed ones: never a figure for a group under it, never per person."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from services.readside.adapters.scope import Scope, in_scope
from services.readside.adapters.tables import Tables
from shared.reference.programme import SURVEY_MIN_GROUP
from shared.sqldb import Tx


@dataclass(frozen=True)
class Round:
    year: int
    n: int  # respondents: the most who answered any one question
    answers: int
    total: float  # sum of the scores (mean * answers over the questions)


def _rounds(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, list[Round]]:
    r = t.survey_results.c
    rows = tx.all(
        select(r.tilbud_id, r.year, func.max(r.n), func.sum(r.n), func.sum(r.n * r.mean))
        .where(in_scope(r.tilbud_id, tilbud))
        .group_by(r.tilbud_id, r.year)
        .order_by(r.tilbud_id, r.year)
    )
    found: dict[str, list[Round]] = {}
    for tilbud_id, year, n, answers, total in rows:
        found.setdefault(str(tilbud_id), []).append(
            Round(int(year), int(n), int(answers), float(total))
        )
    return found


def _group(rounds: list[Round]) -> dict[str, Any] | None:
    n, answers = sum(r.n for r in rounds), sum(r.answers for r in rounds)
    if not rounds or n < SURVEY_MIN_GROUP or answers == 0:
        return None
    return {
        "years": sorted({r.year for r in rounds}),
        "n": n,
        "mean": round(sum(r.total for r in rounds) / answers, 2),
    }


def _change(current: dict[str, Any] | None, previous: dict[str, Any] | None) -> float | None:
    if current is None or previous is None:
        return None
    return round(float(current["mean"]) - float(previous["mean"]), 2)


def satisfaction(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    """Per tilbud its latest round against its previous one; the roll-up pools the latest
    (and the previous) rounds of the tilbud shown (mean of 1-5 scores, n respondents)."""
    per_tilbud: dict[str, Any] = {}
    suppressed: list[str] = []
    latest: list[Round] = []
    previous: list[Round] = []
    for tilbud_id, rounds in sorted(_rounds(tx, t, tilbud).items()):
        shown = [r for r in rounds if r.n >= SURVEY_MIN_GROUP]
        if not shown:
            suppressed.append(tilbud_id)
            continue
        now = _group(shown[-1:])
        before = _group(shown[-2:-1])
        latest.extend(shown[-1:])
        previous.extend(shown[-2:-1])
        per_tilbud[tilbud_id] = {
            "year": shown[-1].year,
            "n": shown[-1].n,
            "mean": now["mean"] if now else None,
            "previous_year": shown[-2].year if len(shown) > 1 else None,
            "previous_mean": before["mean"] if before else None,
            "change": _change(now, before),
        }
    current, earlier = _group(latest), _group(previous)
    return {
        "min_group": SURVEY_MIN_GROUP,
        "scale": [1, 5],
        "per_tilbud": per_tilbud,
        "rolled_up": {
            "current": current,
            "previous": earlier,
            "change": _change(current, earlier),
        },
        "suppressed": suppressed,
    }


def project_survey_results(tx: Tx, t: Tables, e: Any) -> None:
    """One question's aggregate; a later one with more respondents supersedes it."""
    r = t.survey_results
    upsert = tx.insert(r).values(
        tilbud_id=e.tilbud_id,
        year=e.year,
        question=e.question,
        n=e.n,
        mean=e.mean,
        distribution=json.dumps(e.distribution),
    )
    new = upsert.excluded
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[r.c.tilbud_id, r.c.year, r.c.question],
            set_={"n": new.n, "mean": new.mean, "distribution": new.distribution},
            where=new.n > r.c.n,
        )
    )
