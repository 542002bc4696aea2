"""Reads of the case list, a case's detail and its timeline (active generation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from services.readside.adapters import audit
from services.readside.adapters.projector import model_for
from services.readside.adapters.tables import Tables, active_tables
from shared.sqldb import Tx


@dataclass(frozen=True)
class CaseFilter:
    """Search criteria of the case list (None means any)."""

    tilbud_id: str | None = None
    level: int | None = None
    leader: str | None = None
    status: str | None = None
    open_complaints: bool | None = None
    overdue_first_contact: bool | None = None
    missing_plan: bool | None = None
    leader_required: bool | None = None
    move_in_conversation_missing: bool | None = None
    missing_contact_person: bool | None = None


def _overdue_sql(t: Tables) -> str:
    return (
        f"(SELECT COUNT(*) FROM {t.complaints} k WHERE k.case_id = c.case_id "
        "AND k.first_contact_at IS NULL AND k.resolved_at IS NULL AND k.deadline < ?)"
    )


def _missing_contact_sql(t: Tables) -> str:
    """An open case without a named contact person for the relatives."""
    return (
        f"(c.status = 'open' AND NOT EXISTS (SELECT 1 FROM {t.contact_persons} p "
        "WHERE p.case_id = c.case_id))"
    )


def _where(f: CaseFilter, t: Tables, now: str) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column in ("tilbud_id", "level", "leader", "status"):
        value = getattr(f, column)
        if value is not None:
            clauses.append(f"c.{column} = ?")
            params.append(value)
    flags = {
        "open_complaints": "c.open_complaints > 0",
        "missing_plan": "(c.level >= 3 AND c.plan_revision IS NULL)",
        "leader_required": "c.leader_required = 1",
        "move_in_conversation_missing": "(c.planned_move_in IS NOT NULL "
        "AND c.conversation_held_at IS NULL AND c.status = 'open')",
        "missing_contact_person": _missing_contact_sql(t),
    }
    for name, sql in flags.items():
        value = getattr(f, name)
        if value is not None:
            clauses.append(sql if value else f"NOT {sql}")
    if f.overdue_first_contact is not None:
        clauses.append(f"{_overdue_sql(t)} {'>' if f.overdue_first_contact else '='} 0")
        params.append(now)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_cases(tx: Tx, f: CaseFilter, now: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of cases matching ``f``, highest level and most recently changed first."""
    t = active_tables(tx)
    where, params = _where(f, t, now)
    total_row = tx.one(f"SELECT COUNT(*) FROM {t.cases} c{where}", params)
    rows = tx.dicts(
        f"SELECT c.*, {_overdue_sql(t)} AS overdue_first_contacts, "
        f"{_missing_contact_sql(t)} AS missing_contact_person FROM {t.cases} c{where} "
        "ORDER BY COALESCE(c.level, 0) DESC, c.updated_at DESC, c.case_id LIMIT ? OFFSET ?",
        [now, *params, limit, offset],
    )
    return {
        "items": [_case_item(r) for r in rows],
        "total": int(total_row[0]) if total_row else 0,
        "limit": limit,
        "offset": offset,
    }


def _case_item(row: dict[str, Any]) -> dict[str, Any]:
    item = dict(row)
    item["leader_required"] = bool(item["leader_required"])
    item["has_plan"] = item["plan_revision"] is not None
    if "missing_contact_person" in item:
        item["missing_contact_person"] = bool(item["missing_contact_person"])
    return item


def case_version(tx: Tx, case_id: str) -> int | None:
    t = active_tables(tx)
    row = tx.one(f"SELECT version FROM {t.cases} WHERE case_id = ?", (case_id,))
    return int(row[0]) if row else None


def case_versions(tx: Tx, case_ids: list[str]) -> dict[str, int]:
    t = active_tables(tx)
    marks = ", ".join("?" * len(case_ids))
    rows = tx.all(f"SELECT case_id, version FROM {t.cases} WHERE case_id IN ({marks})", case_ids)
    return {str(c): int(v) for c, v in rows}


def case_detail(
    tx: Tx, case_id: str, now: str, timeline_limit: int = 100, min_version: int | None = None
) -> dict[str, Any] | None:
    """The projected state of one case with its complaints, relatives, levels and the
    newest ``timeline_limit`` timeline entries (oldest first); None when the case is not
    projected (or, with ``min_version``, not yet at that version). One round trip on
    PostgreSQL: every statement goes in one pipeline, each gated on the version."""
    t = active_tables(tx)
    gate, gated = "", cast(tuple[Any, ...], ())
    if min_version is not None:
        gate = f" AND EXISTS (SELECT 1 FROM {t.cases} g WHERE g.case_id = ? AND g.version >= ?)"
        gated = (case_id, min_version)
    rows, complaints, relatives, consents, levels, records = tx.many_dicts(
        [
            (
                f"SELECT c.*, {_overdue_sql(t)} AS overdue_first_contacts FROM {t.cases} c "
                f"WHERE c.case_id = ?{gate}",
                (now, case_id, *gated),
            ),
            (
                "SELECT complaint_id, received_at, deadline, first_contact_at, resolved_at, "
                f"outcome FROM {t.complaints} WHERE case_id = ?{gate} ORDER BY received_at",
                (case_id, *gated),
            ),
            (
                f"SELECT relative_id, legal_role, active FROM {t.relatives} "
                f"WHERE case_id = ?{gate} ORDER BY relative_id",
                (case_id, *gated),
            ),
            (
                f"SELECT relative_id, scope FROM {t.consents} WHERE case_id = ? AND active = 1"
                f"{gate}",
                (case_id, *gated),
            ),
            (
                "SELECT version, level, previous_level, direction, by_system, occurred_at "
                f"FROM {t.levels} WHERE case_id = ?{gate} ORDER BY version",
                (case_id, *gated),
            ),
            audit.case_records_query(case_id, limit=timeline_limit, gate=(gate, gated)),
        ]
    )
    if not rows:
        return None
    detail = _case_item(rows[0])
    for c in complaints:
        open_ = c["first_contact_at"] is None and not c["resolved_at"]
        c["overdue"] = open_ and c["deadline"] < now
    for r in relatives:
        r["active"] = bool(r["active"])
        r["consents"] = sorted(c["scope"] for c in consents if c["relative_id"] == r["relative_id"])
    detail["complaints"] = complaints
    detail["relatives"] = relatives
    detail["levels"] = levels
    detail["timeline"] = [timeline_entry(row) for row in reversed(records)]
    return detail


@cache
def personal_fields(ce_type: str) -> frozenset[str]:
    """Fields of a contract marked as personal data (kept out of the timeline)."""
    model = model_for(ce_type)
    if model is None:
        return frozenset()
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if isinstance(info.json_schema_extra, dict)
        and info.json_schema_extra.get("x-personal-data")
    )


@cache
def shown_fields(ce_type: str) -> frozenset[str]:
    """Fields the contract declares (a withdrawn version's personal fields are not)."""
    model = model_for(ce_type)
    return frozenset(model.model_fields) if model is not None else frozenset()


def timeline_entry(row: dict[str, Any]) -> dict[str, Any]:
    """One audit record as a timeline entry: the declared fields not marked personal."""
    hidden = personal_fields(row["ce_type"]) | {"case_id", "tilbud_id", "occurred_at", "actor"}
    shown = shown_fields(row["ce_type"])
    data = {k: v for k, v in json.loads(row["data"]).items() if k in shown}
    return {
        "seq": row["seq"],
        "service": row["service"],
        "type": audit.short_type_of(row),
        "version": row["aggregate_version"],
        "occurred_at": row["occurred_at"],
        "actor": row["actor"],
        "data": {k: v for k, v in data.items() if k not in hidden},
    }


def timeline_page(tx: Tx, case_id: str, limit: int, before_seq: int | None) -> dict[str, Any]:
    """One page of a case's timeline, newest first; ``next_before_seq`` pages further back."""
    rows = tx.dicts(*audit.case_records_query(case_id, limit=limit, before_seq=before_seq))
    return {
        "items": [timeline_entry(r) for r in rows],
        "next_before_seq": rows[-1]["seq"] if len(rows) == limit else None,
    }
