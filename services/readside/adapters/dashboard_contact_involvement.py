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

from sqlalchemy import ColumnElement, case, exists, func, select

from services.readside.adapters.scope import Scope, in_scope
from services.readside.adapters.svg import bar_chart
from services.readside.adapters.tables import Tables
from services.readside.domain.figures import share
from shared.sqldb import Tx

QUARTER_MONTHS = 3


def _sum_of(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    """How many rows meet ``condition``."""
    return func.sum(case((condition, 1), else_=0))


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
    c, p = t.cases.c, t.contact_persons.c
    row = tx.one(
        select(func.count(), _sum_of(p.staff_id.is_not(None)))
        .select_from(t.cases.outerjoin(t.contact_persons, p.case_id == c.case_id))
        .where(c.status == "open", in_scope(c.tilbud_id, tilbud))
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
    c, i = t.cases.c, t.involvements.c
    today = date.fromisoformat(now[:10])
    since = quarter_start(today).isoformat()
    within = i.involved_on.between(since, today.isoformat())
    involved_now = exists().where(i.case_id == c.case_id, within)
    row = tx.one(
        select(func.count(), _sum_of(involved_now)).where(
            c.status == "open", in_scope(c.tilbud_id, tilbud)
        )
    )
    open_cases, involved = (int(v or 0) for v in (row or (0, 0)))
    kinds = tx.all(
        select(i.kind, func.count())
        .select_from(t.involvements.join(t.cases, c.case_id == i.case_id))
        .where(within, in_scope(c.tilbud_id, tilbud))
        .group_by(i.kind)
        .order_by(i.kind)
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
    upsert = tx.insert(t.contact_persons).values(case_id=str(e.case_id), staff_id=e.staff_id)
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[t.contact_persons.c.case_id],
            set_={"staff_id": upsert.excluded.staff_id},
        )
    )


def project_involvement(tx: Tx, t: Tables, e: Any) -> None:
    """One involvement per id (a replayed record changes nothing)."""
    involvement = tx.insert(t.involvements).values(
        case_id=str(e.case_id),
        involvement_id=e.involvement_id,
        tilbud_id=e.tilbud_id,
        kind=e.kind,
        involved_on=e.involved_on.isoformat(),
    )
    tx.run(involvement.on_conflict_do_nothing())


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
