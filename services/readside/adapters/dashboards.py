"""The programme's figures, per tilbud or for the whole municipality."""

from __future__ import annotations

from typing import Any

from services.readside.adapters.dashboard_activities import activities
from services.readside.adapters.dashboard_conduct import code_of_conduct
from services.readside.adapters.dashboard_contact_involvement import (
    contact_person_coverage,
    involvement_last_quarter,
)
from services.readside.adapters.dashboard_hiring_training import leader_hiring, staff_trained
from services.readside.adapters.dashboard_survey import satisfaction
from services.readside.adapters.tables import Tables, active_tables
from services.readside.domain.figures import LevelChange, levels_over_time, months_between, share
from shared.organisation import OrganisationDirectory
from shared.sqldb import Tx

CONSENT_SCOPES = ("share_information", "invite_to_meetings", "send_messages")

# One tilbud, several (a centre's or a department's: a roll-up), or None (the municipality).
Scope = str | tuple[str, ...] | None


def _scope(tilbud_id: Scope, alias: str = "") -> tuple[str, list[Any]]:
    prefix = f"{alias}." if alias else ""
    if isinstance(tilbud_id, tuple):
        if not tilbud_id:
            return " WHERE 1 = 0", []
        marks = ", ".join("?" for _ in tilbud_id)
        return f" WHERE {prefix}tilbud_id IN ({marks})", list(tilbud_id)
    return (f" WHERE {prefix}tilbud_id = ?", [tilbud_id]) if tilbud_id else (" WHERE 1 = 1", [])


def dashboard(
    tx: Tx, tilbud_id: Scope, now: str, directory: OrganisationDirectory
) -> dict[str, Any]:
    """Every figure of one dashboard (``tilbud_id`` None: the municipality; a tuple: the
    figures of those tilbud rolled up, as for a centre or a department)."""
    t = active_tables(tx)
    return {
        "scope": _scope_label(tilbud_id),
        "as_of": now,
        "cases_per_level": _cases_per_level(tx, t, tilbud_id, now),
        "escalations_per_month": _escalations(tx, t, tilbud_id),
        "incidents_by_kind": _incidents(tx, t, tilbud_id),
        "complaints": _complaints(tx, t, tilbud_id, now),
        "move_in_conversations": _move_ins(tx, t, tilbud_id, now),
        "consent_coverage": _consents(tx, t, tilbud_id),
        "communication": _messages(tx, t, tilbud_id),
        "council_seats": _council_seats(tx, t, tilbud_id),
        "budget_pool": _pool(tx, t, tilbud_id),
        "contact_person_coverage": contact_person_coverage(tx, t, tilbud_id),
        "involvement_last_quarter": involvement_last_quarter(tx, t, tilbud_id, now),
        "relatives_activities": activities(tx, t, tilbud_id),
        "code_of_conduct": code_of_conduct(tx, t, tilbud_id, directory),
        "satisfaction": satisfaction(tx, t, tilbud_id),
        "leader_hiring": leader_hiring(tx, t, tilbud_id, directory),
        "staff_trained": staff_trained(tx, t, tilbud_id, directory),
    }


def _scope_label(tilbud_id: Scope) -> dict[str, Any]:
    if isinstance(tilbud_id, tuple):
        return {"tilbud_ids": list(tilbud_id)}
    return {"tilbud_id": tilbud_id} if tilbud_id else {"municipality": True}


def _cases_per_level(tx: Tx, t: Tables, tilbud: Scope, now: str) -> dict[str, Any]:
    where, params = _scope(tilbud)
    changes = [
        LevelChange(str(c), str(at), int(level))
        for c, at, level in tx.all(
            f"SELECT case_id, occurred_at, level FROM {t.levels}{where}", params
        )
    ]
    closed: dict[str, str] = dict(
        tx.all(f"SELECT case_id, closed_at FROM {t.cases}{where} AND closed_at IS NOT NULL", params)
    )
    if not changes:
        return {"months": [], "series": {}}
    months = months_between(min(c.occurred_at for c in changes), now)
    per_month = levels_over_time(changes, closed, months)
    return {
        "months": months,
        "series": {f"level {lv}": [per_month[m][str(lv)] for m in months] for lv in (1, 2, 3, 4)},
    }


def _escalations(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    where, params = _scope(tilbud)
    rows = tx.all(
        f"SELECT substr(occurred_at, 1, 7) AS month, direction, COUNT(*) FROM {t.levels}{where} "
        "AND direction IN ('escalation', 'de_escalation') GROUP BY month, direction ORDER BY month",
        params,
    )
    months = sorted({str(r[0]) for r in rows})
    counts = {(str(m), str(d)): int(n) for m, d, n in rows}
    return {
        "months": months,
        "series": {
            d: [counts.get((m, d), 0) for m in months] for d in ("escalation", "de_escalation")
        },
    }


def _incidents(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, int]:
    where, params = _scope(tilbud)
    rows = tx.all(
        f"SELECT kind, COUNT(*) FROM {t.incidents}{where} GROUP BY kind ORDER BY kind", params
    )
    return {str(kind): int(n) for kind, n in rows}


def _complaints(tx: Tx, t: Tables, tilbud: Scope, now: str) -> dict[str, Any]:
    where, params = _scope(tilbud)
    row = tx.one(
        "SELECT COUNT(*), "
        "SUM(CASE WHEN first_contact_at IS NOT NULL AND first_contact_at <= deadline "
        "THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN first_contact_at IS NOT NULL OR deadline < ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN first_contact_at IS NULL AND resolved_at IS NULL AND deadline < ? "
        "THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) "
        f"FROM {t.complaints}{where}",
        [now, now, *params],
    )
    total, in_time, due, overdue, open_ = (int(v or 0) for v in (row or (0, 0, 0, 0, 0)))
    return {
        "received": total,
        "open": open_,
        "first_contact_within_24h": in_time,
        "due": due,
        "share_within_24h": share(in_time, due),
        "overdue_without_contact": overdue,
    }


def _move_ins(tx: Tx, t: Tables, tilbud: Scope, now: str) -> dict[str, Any]:
    where, params = _scope(tilbud)
    row = tx.one(
        "SELECT COUNT(*), SUM(CASE WHEN conversation_held_at IS NOT NULL AND "
        "substr(conversation_held_at, 1, 10) <= planned_move_in THEN 1 ELSE 0 END) "
        f"FROM {t.cases}{where} AND planned_move_in IS NOT NULL AND planned_move_in <= ?",
        [*params, now[:10]],
    )
    moved, held = (int(v or 0) for v in (row or (0, 0)))
    return {"moved_in": moved, "conversation_before_move_in": held, "share": share(held, moved)}


def _consents(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    where, params = _scope(tilbud, "r")
    relatives = tx.one(f"SELECT COUNT(*) FROM {t.relatives} r{where} AND r.active = 1", params)
    total = int(relatives[0]) if relatives else 0
    rows = tx.all(
        f"SELECT s.scope, COUNT(*) FROM {t.consents} s JOIN {t.relatives} r ON "
        "r.case_id = s.case_id AND r.relative_id = s.relative_id"
        f"{where} AND r.active = 1 AND s.active = 1 GROUP BY s.scope",
        params,
    )
    counts = {str(scope): int(n) for scope, n in rows}
    return {
        "active_relatives": total,
        "by_scope": {
            s: {"relatives": counts.get(s, 0), "share": share(counts.get(s, 0), total)}
            for s in CONSENT_SCOPES
        },
    }


def _messages(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    where, params = _scope(tilbud)
    rows = tx.all(
        f"SELECT channel, state, COUNT(*) FROM {t.messages}{where} GROUP BY channel, state",
        params,
    )
    by_state: dict[str, int] = {}
    by_channel: dict[str, dict[str, int]] = {}
    for channel, state, n in rows:
        by_state[str(state)] = by_state.get(str(state), 0) + int(n)
        by_channel.setdefault(str(channel), {})[str(state)] = int(n)
    return {"messages_by_state": by_state, "messages_by_channel": by_channel}


def communication_stats(tx: Tx, topic_suffix: str = "communication") -> dict[str, Any]:
    """Communication events per type and month, plus message outcomes."""
    t = active_tables(tx)
    rows = tx.all(
        f"SELECT type, month, SUM(n) FROM {t.event_counts} WHERE topic LIKE ? "
        "GROUP BY type, month ORDER BY month, type",
        [f"%{topic_suffix}%"],
    )
    per_type: dict[str, dict[str, int]] = {}
    for type_, month, n in rows:
        per_type.setdefault(str(type_), {})[str(month)] = int(n)
    return {"events_per_month": per_type, **_messages(tx, t, None)}


def _council_seats(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    where, params = _scope(tilbud)
    row = tx.one(
        "SELECT COUNT(*), COALESCE(SUM(seats), 0), "
        "COALESCE(SUM(CASE WHEN members < seats THEN members ELSE seats END), 0) "
        f"FROM {t.councils}{where}",
        params,
    )
    councils, seats, filled = (int(v) for v in (row or (0, 0, 0)))
    return {
        "councils": councils,
        "seats": seats,
        "seats_filled": filled,
        "share_filled": share(filled, seats),
    }


def _pool(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    """Participant-budget pool per year: what was granted, disbursed and spent."""
    join, where = "", ""
    params: list[Any] = []
    if tilbud or isinstance(tilbud, tuple):
        join = f" JOIN {t.councils} c ON c.council_id = a.council_id"
        where, params = _scope(tilbud, "c")
    rows = tx.all(
        "SELECT a.year, COALESCE(SUM(a.granted_kr), 0), COALESCE(SUM(a.disbursed_kr), 0), "
        f"COALESCE(SUM(a.spent_kr), 0) FROM {t.applications} a{join}{where} GROUP BY a.year",
        params,
    )
    amounts = (
        {}
        if tilbud or isinstance(tilbud, tuple)
        else {
            int(y): int(a)
            for y, a in tx.all(f"SELECT year, SUM(amount_kr) FROM {t.pools} GROUP BY year")
        }
    )
    years = sorted({int(r[0]) for r in rows if r[0] is not None} | set(amounts))
    by_year: dict[str, Any] = {}
    for year in years:
        granted, disbursed, spent = next(
            ((int(g), int(d), int(s)) for y, g, d, s in rows if y == year), (0, 0, 0)
        )
        amount = amounts.get(year)
        by_year[str(year)] = {
            "amount_kr": amount,
            "granted_kr": granted,
            "disbursed_kr": disbursed,
            "spent_kr": spent,
            "share_spent": share(spent, amount) if amount else None,
        }
    return {"by_year": by_year}


def councils_overview(tx: Tx, tilbud_id: str | None) -> list[dict[str, Any]]:
    """Every council with its seats, members, meetings and last election."""
    t = active_tables(tx)
    where, params = _scope(tilbud_id)
    rows = tx.dicts(
        f"SELECT council_id, tilbud_id, kind, seats, members, meetings, last_election_at "
        f"FROM {t.councils}{where} ORDER BY tilbud_id, council_id",
        params,
    )
    for r in rows:
        r["share_filled"] = share(min(r["members"], r["seats"]), r["seats"])
    return rows
