"""The programme's figures, per tilbud or for the whole municipality."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from services.readside.adapters.dashboard_activities import activities
from services.readside.adapters.dashboard_conduct import code_of_conduct
from services.readside.adapters.dashboard_contact_involvement import (
    contact_person_coverage,
    involvement_last_quarter,
)
from services.readside.adapters.dashboard_hiring_training import leader_hiring, staff_trained
from services.readside.adapters.dashboard_survey import satisfaction
from services.readside.adapters.meta import active_tables
from services.readside.adapters.scope import Scope, in_scope
from services.readside.adapters.tables import Tables
from services.readside.domain.figures import LevelChange, levels_over_time, months_between, share
from shared.organisation import OrganisationDirectory
from shared.sqldb import Tx

CONSENT_SCOPES = ("share_information", "invite_to_meetings", "send_messages")


def _count_if(*conditions: ColumnElement[bool]) -> ColumnElement[Any]:
    """How many rows meet every condition (SUM of a CASE: NULL without rows)."""
    return func.sum(case((and_(*conditions), 1), else_=0))


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
    lv, c = t.levels.c, t.cases.c
    changes = [
        LevelChange(str(case_id), str(at), int(level))
        for case_id, at, level in tx.all(
            select(lv.case_id, lv.occurred_at, lv.level).where(in_scope(lv.tilbud_id, tilbud))
        )
    ]
    closed: dict[str, str] = dict(
        tx.all(
            select(c.case_id, c.closed_at).where(
                in_scope(c.tilbud_id, tilbud), c.closed_at.is_not(None)
            )
        )
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
    lv = t.levels.c
    month = func.substr(lv.occurred_at, 1, 7).label("month")
    rows = tx.all(
        select(month, lv.direction, func.count())
        .where(in_scope(lv.tilbud_id, tilbud), lv.direction.in_(("escalation", "de_escalation")))
        .group_by(month, lv.direction)
        .order_by(month)
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
    i = t.incidents.c
    rows = tx.all(
        select(i.kind, func.count())
        .where(in_scope(i.tilbud_id, tilbud))
        .group_by(i.kind)
        .order_by(i.kind)
    )
    return {str(kind): int(n) for kind, n in rows}


def _complaints(tx: Tx, t: Tables, tilbud: Scope, now: str) -> dict[str, Any]:
    k = t.complaints.c
    contacted = k.first_contact_at.is_not(None)
    row = tx.one(
        select(
            func.count(),
            _count_if(contacted, k.first_contact_at <= k.deadline),
            _count_if(or_(contacted, k.deadline < now)),
            _count_if(k.first_contact_at.is_(None), k.resolved_at.is_(None), k.deadline < now),
            _count_if(k.resolved_at.is_(None)),
        ).where(in_scope(k.tilbud_id, tilbud))
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
    c = t.cases.c
    held_at = c.conversation_held_at
    row = tx.one(
        select(
            func.count(),
            _count_if(held_at.is_not(None), func.substr(held_at, 1, 10) <= c.planned_move_in),
        ).where(
            in_scope(c.tilbud_id, tilbud),
            c.planned_move_in.is_not(None),
            c.planned_move_in <= now[:10],
        )
    )
    moved, held = (int(v or 0) for v in (row or (0, 0)))
    return {"moved_in": moved, "conversation_before_move_in": held, "share": share(held, moved)}


def _consents(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    r, s = t.relatives.c, t.consents.c
    active = (in_scope(r.tilbud_id, tilbud), r.active == 1)
    total = int(tx.scalar(select(func.count()).select_from(t.relatives).where(*active)) or 0)
    same = and_(r.case_id == s.case_id, r.relative_id == s.relative_id)
    rows = tx.all(
        select(s.scope, func.count())
        .select_from(t.consents.join(t.relatives, same))
        .where(*active, s.active == 1)
        .group_by(s.scope)
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
    m = t.messages.c
    rows = tx.all(
        select(m.channel, m.state, func.count())
        .where(in_scope(m.tilbud_id, tilbud))
        .group_by(m.channel, m.state)
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
    e = t.event_counts.c
    rows = tx.all(
        select(e.type, e.month, func.sum(e.n))
        .where(e.topic.contains(topic_suffix, autoescape=True))
        .group_by(e.type, e.month)
        .order_by(e.month, e.type)
    )
    per_type: dict[str, dict[str, int]] = {}
    for type_, month, n in rows:
        per_type.setdefault(str(type_), {})[str(month)] = int(n)
    return {"events_per_month": per_type, **_messages(tx, t, None)}


def _council_seats(tx: Tx, t: Tables, tilbud: Scope) -> dict[str, Any]:
    c = t.councils.c
    taken = case((c.members < c.seats, c.members), else_=c.seats)
    row = tx.one(
        select(
            func.count(), func.coalesce(func.sum(c.seats), 0), func.coalesce(func.sum(taken), 0)
        ).where(in_scope(c.tilbud_id, tilbud))
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
    a, c, p = t.applications.c, t.councils.c, t.pools.c
    scoped = bool(tilbud) or isinstance(tilbud, tuple)
    sums = (func.coalesce(func.sum(x), 0) for x in (a.granted_kr, a.disbursed_kr, a.spent_kr))
    query = select(a.year, *sums).group_by(a.year)
    if scoped:
        query = query.select_from(
            t.applications.join(t.councils, c.council_id == a.council_id)
        ).where(in_scope(c.tilbud_id, tilbud))
    rows = tx.all(query)
    amounts = (
        {}
        if scoped
        else {
            int(y): int(n)
            for y, n in tx.all(select(p.year, func.sum(p.amount_kr)).group_by(p.year))
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
    councils = active_tables(tx).councils
    c = councils.c
    rows = tx.dicts(
        select(councils).where(in_scope(c.tilbud_id, tilbud_id)).order_by(c.tilbud_id, c.council_id)
    )
    for r in rows:
        r["share_filled"] = share(min(r["members"], r["seats"]), r["seats"])
    return rows
