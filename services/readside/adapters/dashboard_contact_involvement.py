"""Dashboard figures of the relatives' contact person (kontaktløsning) and of relatives'
involvement in the health area (seed 002), projected from ``contact_person_assigned``
and ``relatives_involved``.

- Contact person: of the cases open now, how many have a named contact person.
- Involvement: of the cases open now, how many had relatives involved in a decision or an
  effort in the last quarter: the 3 months up to today (``involved_on`` on or after the
  same day 3 months back), a rolling window so the figure is always current.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from services.readside.adapters.svg import bar_chart
from services.readside.adapters.tables import Tables
from services.readside.domain.figures import share
from shared.sqldb import Tx

Scope = str | tuple[str, ...] | None
QUARTER_MONTHS = 3


def _scope(tilbud: Scope) -> tuple[str, list[Any]]:
    if isinstance(tilbud, tuple):
        marks = ", ".join("?" for _ in tilbud) or "NULL"
        return f" AND c.tilbud_id IN ({marks})", list(tilbud)
    return (" AND c.tilbud_id = ?", [tilbud]) if tilbud else ("", [])


def quarter_start(today: date) -> date:
    """The first day of the last quarter's window: the same day 3 months back (clamped)."""
    month = today.month - QUARTER_MONTHS
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def contact_person_coverage(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    """Open cases, those with a named contact person, and the share."""
    where, params = _scope(tilbud)
    row = tx.one(
        "SELECT COUNT(*), SUM(CASE WHEN p.staff_id IS NOT NULL THEN 1 ELSE 0 END) "
        f"FROM {t.cases} c LEFT JOIN {t.contact_persons} p ON p.case_id = c.case_id "
        f"WHERE c.status = 'open'{where}",
        params,
    )
    open_cases, covered = (int(v or 0) for v in (row or (0, 0)))
    return {
        "open_cases": open_cases,
        "with_contact_person": covered,
        "without_contact_person": open_cases - covered,
        "share": share(covered, open_cases),
    }


def involvement_last_quarter(tx: Tx, t: Tables, tilbud: Scope, now: str) -> dict[str, Any]:
    """Open cases with relatives involved in the last quarter, the share, and by kind."""
    where, params = _scope(tilbud)
    today = date.fromisoformat(now[:10])
    since = quarter_start(today).isoformat()
    window = [since, today.isoformat()]
    row = tx.one(
        f"SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM {t.involvements} i "
        "WHERE i.case_id = c.case_id AND i.involved_on >= ? AND i.involved_on <= ?) "
        f"THEN 1 ELSE 0 END) FROM {t.cases} c WHERE c.status = 'open'{where}",
        [*window, *params],
    )
    open_cases, involved = (int(v or 0) for v in (row or (0, 0)))
    kinds = tx.all(
        f"SELECT i.kind, COUNT(*) FROM {t.involvements} i JOIN {t.cases} c "
        "ON c.case_id = i.case_id WHERE i.involved_on >= ? AND i.involved_on <= ?"
        f"{where} GROUP BY i.kind ORDER BY i.kind",
        [*window, *params],
    )
    return {
        "since": since,
        "open_cases": open_cases,
        "with_involvement": involved,
        "share": share(involved, open_cases),
        "involvements_by_kind": {str(k): int(n) for k, n in kinds},
    }


def project_contact_person(tx: Tx, t: Tables, e: Any) -> None:
    """The case's current contact person (staff id only)."""
    tx.execute(
        f"INSERT INTO {t.contact_persons} (case_id, staff_id) VALUES (?, ?) "
        "ON CONFLICT (case_id) DO UPDATE SET staff_id = excluded.staff_id",
        (str(e.case_id), e.staff_id),
    )


def project_involvement(tx: Tx, t: Tables, e: Any) -> None:
    """One involvement per id (a replayed record changes nothing)."""
    tx.execute(
        f"INSERT INTO {t.involvements} (case_id, involvement_id, tilbud_id, kind, involved_on) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, involvement_id) DO NOTHING",
        (str(e.case_id), e.involvement_id, e.tilbud_id, e.kind, e.involved_on.isoformat()),
    )


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def contact_person_chart(d: dict[str, Any]) -> str:
    f = d["contact_person_coverage"]
    return bar_chart(
        "Open cases with a named contact person",
        ["open cases", "with contact person"],
        {"cases": [f["open_cases"], f["with_contact_person"]]},
        subtitle=f"share: {_pct(f['share'])}",
    )


def involvement_chart(d: dict[str, Any]) -> str:
    f = d["involvement_last_quarter"]
    return bar_chart(
        "Open cases with relatives involved in the last quarter",
        ["open cases", "relatives involved"],
        {"cases": [f["open_cases"], f["with_involvement"]]},
        subtitle=f"since {f['since']}; share: {_pct(f['share'])}",
    )
