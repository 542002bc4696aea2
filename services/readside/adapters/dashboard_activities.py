"""Dashboard figure: activities started by relatives, held with participant budgets,
and what they returned to the pool, per tilbud (projected from ``activity_held``)."""

from __future__ import annotations

from typing import Any

from services.readside.adapters.tables import Tables
from shared.sqldb import Tx

Scope = str | tuple[str, ...] | None


def activities(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    """Activities held, participants, cost and amount returned, in all and per tilbud."""
    where, params = " WHERE 1 = 1", list[Any]()
    if isinstance(tilbud, tuple):
        marks = ", ".join("?" for _ in tilbud) or "NULL"
        where, params = f" WHERE tilbud_id IN ({marks})", list(tilbud)
    elif tilbud:
        where, params = " WHERE tilbud_id = ?", [tilbud]
    rows = tx.all(
        "SELECT tilbud_id, COUNT(*), COALESCE(SUM(relatives), 0), COALESCE(SUM(residents), 0), "
        "COALESCE(SUM(staff), 0), COALESCE(SUM(cost_kr), 0), COALESCE(SUM(returned_kr), 0) "
        f"FROM {t.activities}{where} GROUP BY tilbud_id ORDER BY tilbud_id",
        params,
    )
    names = ("held", "relatives", "residents", "staff", "cost_kr", "returned_kr")
    per_tilbud = {str(r[0]): dict(zip(names, (int(v) for v in r[1:]), strict=True)) for r in rows}
    total = {n: sum(f[n] for f in per_tilbud.values()) for n in names}
    return {**total, "per_tilbud": per_tilbud}


def project_activity(tx: Tx, t: Tables, e: Any) -> None:
    """One activity per application (a replayed record changes nothing)."""
    tx.execute(
        f"INSERT INTO {t.activities} (application_id, year, tilbud_id, held_on, relatives, "
        "residents, staff, cost_kr, returned_kr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (application_id) DO NOTHING",
        (
            e.application_id,
            e.year,
            e.tilbud_id,
            e.held_on.isoformat(),
            e.relatives_count,
            e.residents_count,
            e.staff_count,
            e.cost_kr,
            e.returned_kr,
        ),
    )
