"""Dashboard figure: activities started by relatives, held with participant budgets,
and what they returned to the pool, per tilbud (projected from ``activity_held``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from services.readside.adapters.scope import Scope, in_scope
from services.readside.adapters.tables import Tables
from shared.sqldb import Tx

SUMMED = ("relatives", "residents", "staff", "cost_kr", "returned_kr")


def activities(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    """Activities held, participants, cost and amount returned, in all and per tilbud."""
    a = t.activities.c
    sums = (func.coalesce(func.sum(a[name]), 0) for name in SUMMED)
    rows = tx.all(
        select(a.tilbud_id, func.count(), *sums)
        .where(in_scope(a.tilbud_id, tilbud))
        .group_by(a.tilbud_id)
        .order_by(a.tilbud_id)
    )
    names = ("held", *SUMMED)
    per_tilbud = {str(r[0]): dict(zip(names, (int(v) for v in r[1:]), strict=True)) for r in rows}
    total = {n: sum(f[n] for f in per_tilbud.values()) for n in names}
    return {**total, "per_tilbud": per_tilbud}


def project_activity(tx: Tx, t: Tables, e: Any) -> None:
    """One activity per application (a replayed record changes nothing)."""
    activity = tx.insert(t.activities).values(
        application_id=e.application_id,
        year=e.year,
        tilbud_id=e.tilbud_id,
        held_on=e.held_on.isoformat(),
        relatives=e.relatives_count,
        residents=e.residents_count,
        staff=e.staff_count,
        cost_kr=e.cost_kr,
        returned_kr=e.returned_kr,
    )
    tx.run(activity.on_conflict_do_nothing())
