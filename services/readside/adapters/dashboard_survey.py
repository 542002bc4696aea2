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

from services.readside.adapters.tables import Tables
from shared.reference.programme import SURVEY_MIN_GROUP
from shared.sqldb import Tx

Scope = str | tuple[str, ...] | None


@dataclass(frozen=True)
class Round:
    year: int
    n: int  # respondents: the most who answered any one question
    answers: int
    total: float  # sum of the scores (mean * answers over the questions)


def _rounds(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, list[Round]]:
    where, params = " WHERE 1 = 1", []  # type: tuple[str, list[Any]]
    if isinstance(tilbud, tuple):
        where = (
            f" WHERE tilbud_id IN ({', '.join('?' for _ in tilbud)})" if tilbud else " WHERE 1=0"
        )
        params = list(tilbud)
    elif tilbud:
        where, params = " WHERE tilbud_id = ?", [tilbud]
    rows = tx.all(
        f"SELECT tilbud_id, year, MAX(n), SUM(n), SUM(n * mean) FROM {t.survey_results}"
        f"{where} GROUP BY tilbud_id, year ORDER BY tilbud_id, year",
        params,
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
    tx.execute(
        f"INSERT INTO {t.survey_results} (tilbud_id, year, question, n, mean, distribution) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tilbud_id, year, question) DO UPDATE SET "
        "n = excluded.n, mean = excluded.mean, distribution = excluded.distribution "
        f"WHERE excluded.n > {t.survey_results}.n",
        (e.tilbud_id, e.year, e.question, e.n, e.mean, json.dumps(e.distribution)),
    )
