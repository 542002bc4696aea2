"""Reads of the case list, a case's detail and its timeline (active generation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, func, not_, select

from services.readside.adapters import audit
from services.readside.adapters.case_records import newest_records
from services.readside.adapters.meta import active_tables
from services.readside.adapters.projector import model_for
from services.readside.adapters.tables import Tables
from shared.sqlcore import Params, Statement
from shared.sqldb import Tx

Read = tuple[Statement, Params]  # a statement and its parameters


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


def _overdue(t: Tables, now: Any) -> Any:
    """How many of the case's complaints are past their first-contact deadline."""
    k, c = t.complaints.c, t.cases.c
    return (
        select(func.count())
        .where(
            k.case_id == c.case_id,
            k.first_contact_at.is_(None),
            k.resolved_at.is_(None),
            k.deadline < now,
        )
        .scalar_subquery()
    )


def _missing_contact(t: Tables) -> ColumnElement[bool]:
    """An open case without a named contact person for the relatives."""
    c, p = t.cases.c, t.contact_persons.c
    return and_(c.status == "open", not_(exists().where(p.case_id == c.case_id)))


def _where(f: CaseFilter, t: Tables, now: str) -> list[ColumnElement[bool]]:
    c = t.cases.c
    clauses = [
        c[column] == getattr(f, column)
        for column in ("tilbud_id", "level", "leader", "status")
        if getattr(f, column) is not None
    ]
    flags = {
        "open_complaints": c.open_complaints > 0,
        "missing_plan": and_(c.level >= 3, c.plan_revision.is_(None)),
        "leader_required": c.leader_required == 1,
        "move_in_conversation_missing": and_(
            c.planned_move_in.is_not(None), c.conversation_held_at.is_(None), c.status == "open"
        ),
        "missing_contact_person": _missing_contact(t),
    }
    for name, condition in flags.items():
        value = getattr(f, name)
        if value is not None:
            clauses.append(condition if value else not_(condition))
    if f.overdue_first_contact is not None:
        overdue = _overdue(t, now)
        clauses.append(overdue > 0 if f.overdue_first_contact else overdue == 0)
    return clauses


def list_cases(tx: Tx, f: CaseFilter, now: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of cases matching ``f``, highest level and most recently changed first."""
    t = active_tables(tx)
    c = t.cases.c
    where = _where(f, t, now)
    total = tx.scalar(select(func.count()).select_from(t.cases).where(*where))
    rows = tx.dicts(
        select(
            t.cases,
            _overdue(t, now).label("overdue_first_contacts"),
            _missing_contact(t).label("missing_contact_person"),
        )
        .where(*where)
        .order_by(func.coalesce(c.level, 0).desc(), c.updated_at.desc(), c.case_id)
        .limit(limit)
        .offset(offset)
    )
    return {
        "items": [_case_item(r) for r in rows],
        "total": int(total or 0),
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
    c = active_tables(tx).cases.c
    version = tx.scalar(select(c.version).where(c.case_id == case_id))
    return int(version) if version is not None else None


def versions_read(t: Tables, case_ids: list[str]) -> Read:
    c = t.cases.c
    return select(c.case_id, c.version).where(c.case_id.in_(case_ids)), {}


def versions_from(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {str(r["case_id"]): int(r["version"]) for r in rows}


def case_versions(tx: Tx, case_ids: list[str]) -> dict[str, int]:
    return versions_from(tx.dicts(*versions_read(active_tables(tx), case_ids)))


def detail_reads(
    t: Tables, case_id: str, now: str, timeline_limit: int = 100, min_version: int | None = None
) -> list[Read]:
    """The reads of a case's detail (see :func:`case_detail`), for one round trip."""
    gated = min_version is not None
    params = {"case_id": case_id, "now": now, "limit": timeline_limit, "min_version": min_version}
    return [(q, params) for q in _detail_queries(t, gated)]


def detail_from(results: list[list[dict[str, Any]]], now: str) -> dict[str, Any] | None:
    """The detail from the rows of :func:`detail_reads` (None: no case at that version)."""
    rows, complaints, relatives, consents, levels, records = results
    if not rows:
        return None
    return _detail(rows[0], now, complaints, relatives, consents, levels, records)


def case_detail(
    tx: Tx, case_id: str, now: str, timeline_limit: int = 100, min_version: int | None = None
) -> dict[str, Any] | None:
    """The projected state of one case with its complaints, relatives, levels and the
    newest ``timeline_limit`` timeline entries (oldest first); None when the case is not
    projected (or, with ``min_version``, not yet at that version). One round trip on
    PostgreSQL: every statement goes in one pipeline, each gated on the version."""
    reads = detail_reads(active_tables(tx), case_id, now, timeline_limit, min_version)
    return detail_from(tx.many_dicts(reads), now)


@cache
def _detail_queries(t: Tables, gated: bool) -> list[Select[Any]]:
    """The reads of :func:`case_detail`, built once per generation (``bindparam``s:
    case_id, now, limit, min_version)."""
    k, rc, s, lv = t.complaints.c, t.relatives.c, t.consents.c, t.levels.c
    case_id: Any = bindparam("case_id")
    now: Any = bindparam("now")
    gate = None
    if gated:  # the case at that version, seen by every statement
        g = t.cases.alias("g")
        gate = exists().where(g.c.case_id == case_id, g.c.version >= bindparam("min_version"))
    queries: list[Select[Any]] = [
        select(t.cases, _overdue(t, now).label("overdue_first_contacts")).where(
            t.cases.c.case_id == case_id
        ),
        select(k.complaint_id, k.received_at, k.deadline, k.first_contact_at)
        .add_columns(k.resolved_at, k.outcome)
        .where(k.case_id == case_id)
        .order_by(k.received_at),
        select(rc.relative_id, rc.legal_role, rc.active)
        .where(rc.case_id == case_id)
        .order_by(rc.relative_id),
        select(s.relative_id, s.scope).where(s.case_id == case_id, s.active == 1),
        select(lv.version, lv.level, lv.previous_level, lv.direction, lv.by_system)
        .add_columns(lv.occurred_at)
        .where(lv.case_id == case_id)
        .order_by(lv.version),
    ]
    if gate is not None:
        queries = [q.where(gate) for q in queries]
    return [*queries, newest_records(case_id, bindparam("limit"), gate=gate)]


def _detail(
    row: dict[str, Any],
    now: str,
    complaints: list[dict[str, Any]],
    relatives: list[dict[str, Any]],
    consents: list[dict[str, Any]],
    levels: list[dict[str, Any]],
    records: list[dict[str, Any]],
) -> dict[str, Any]:
    detail = _case_item(row)
    for complaint in complaints:
        open_ = complaint["first_contact_at"] is None and not complaint["resolved_at"]
        complaint["overdue"] = open_ and complaint["deadline"] < now
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


_NEVER_SHOWN = frozenset({"case_id", "tilbud_id", "occurred_at", "actor"})  # shown beside


@cache
def _entry_form(ce_type: str) -> tuple[str, frozenset[str]]:
    """A type's short name and the data fields its timeline entries show: the declared
    fields not marked personal (nor those shown beside the data)."""
    shown = shown_fields(ce_type) - personal_fields(ce_type) - _NEVER_SHOWN
    return audit.short_type_of({"ce_type": ce_type}), shown


def timeline_entry(row: dict[str, Any]) -> dict[str, Any]:
    """One audit record as a timeline entry: the declared fields not marked personal."""
    short, shown = _entry_form(row["ce_type"])
    return {
        "seq": row["seq"],
        "service": row["service"],
        "type": short,
        "version": row["aggregate_version"],
        "occurred_at": row["occurred_at"],
        "actor": row["actor"],
        "data": {k: v for k, v in json.loads(row["data"]).items() if k in shown},
    }


def timeline_page(tx: Tx, case_id: str, limit: int, before_seq: int | None) -> dict[str, Any]:
    """One page of a case's timeline, newest first; ``next_before_seq`` pages further back."""
    rows = tx.dicts(newest_records(case_id, limit, before_seq))
    return {
        "items": [timeline_entry(r) for r in rows],
        "next_before_seq": rows[-1]["seq"] if len(rows) == limit else None,
    }
