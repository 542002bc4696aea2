"""Projection of ``pkraft.cases.v1`` into the case list, complaints, levels, incidents,
relatives and consents. Each case row carries the last version applied: an event at or
below it is a repeat and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, Update, bindparam, case, func, literal, or_, select, update

from services.readside.adapters.dashboard_contact_involvement import (
    project_contact_person,
    project_involvement,
)
from services.readside.adapters.statements import insert_row, select_row, update_row
from services.readside.adapters.tables import Tables
from services.readside.domain.envelope import Envelope, utc_iso
from shared.contracts import cases as wire
from shared.eventid import parse_event_id
from shared.sqldb import Tx

Apply = Callable[[Tx, Tables, Envelope, Any], None]


def _case_version(tx: Tx, t: Tables, case_id: str) -> int | None:
    row = select_row(tx, t.cases, ("version",), case_id=case_id)
    return int(row[0]) if row else None


def _update(tx: Tx, t: Tables, case_id: str, **values: Any) -> None:
    update_row(tx, t.cases, {"case_id": case_id}, **values)


@cache
def _recount(t: Tables, name: str) -> Update:
    """Count the case's active relatives / open complaints in the update (no read)."""
    c, r, k = t.cases.c, t.relatives.c, t.complaints.c
    where = (r.case_id == c.case_id, r.active == 1)
    if name == "open_complaints":
        where = (k.case_id == c.case_id, k.resolved_at.is_(None))
    count = select(func.count()).where(*where).scalar_subquery()
    return update(t.cases).where(c.case_id == bindparam("key_case_id")).values({name: count})


@cache
def _level_update(t: Tables, four: bool) -> Update:
    """The level; a leader needed at level 4 without one (from the row, no read)."""
    c = t.cases.c
    required: Any = literal(0)
    if four:
        required = case((or_(c.leader.is_(None), c.leader == ""), 1), else_=0)
    return (
        update(t.cases)
        .where(c.case_id == bindparam("key_case_id"))
        .values(level=bindparam("level"), leader_required=required)
    )


def _opened(tx: Tx, t: Tables, env: Envelope, e: wire.CaseOpened) -> None:
    move_in = e.planned_move_in.isoformat() if e.planned_move_in else None
    _update(
        tx,
        t,
        str(e.case_id),
        setting=e.setting,
        planned_move_in=move_in,
        opened_at=env.occurred_at,
        status="open",
    )


def _closed(tx: Tx, t: Tables, env: Envelope, e: wire.CaseClosed) -> None:
    _update(tx, t, str(e.case_id), status="closed", closed_at=env.occurred_at)


def _reopened(tx: Tx, t: Tables, env: Envelope, e: wire.CaseReopened) -> None:
    _update(tx, t, str(e.case_id), status="open", closed_at=None)


def _relative_added(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeAdded) -> None:
    row = {
        "case_id": str(e.case_id),
        "relative_id": e.relative_id,
        "tilbud_id": e.tilbud_id,
        "legal_role": e.legal_role,
        "active": 1,
    }
    insert_row(tx, t.relatives, row, on=("case_id", "relative_id"), update=("legal_role", "active"))
    tx.run(_recount(t, "relatives"), {"key_case_id": str(e.case_id)})


def _relative_updated(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeUpdated) -> None:
    if e.legal_role is not None:
        key = {"case_id": str(e.case_id), "relative_id": e.relative_id}
        update_row(tx, t.relatives, key, legal_role=e.legal_role)


def _relative_removed(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeRemoved) -> None:
    key = {"case_id": str(e.case_id), "relative_id": e.relative_id}
    for table in (t.relatives, t.consents):
        update_row(tx, table, key, active=0)
    tx.run(_recount(t, "relatives"), {"key_case_id": str(e.case_id)})


def _consent(active: int) -> Apply:
    def apply(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
        row = {
            "case_id": str(e.case_id),
            "relative_id": e.relative_id,
            "scope": e.scope,
            "form": e.form,
            "active": active,
        }
        key = ("case_id", "relative_id", "scope")
        insert_row(tx, t.consents, row, on=key, update=("form", "active"))

    return apply


def _scheduled(tx: Tx, t: Tables, env: Envelope, e: wire.MoveInConversationScheduled) -> None:
    _update(tx, t, str(e.case_id), conversation_at=utc_iso(e.conversation_at))


def _held(tx: Tx, t: Tables, env: Envelope, e: wire.MoveInConversationHeld) -> None:
    _update(tx, t, str(e.case_id), conversation_held_at=utc_iso(e.held_at))


def _level(tx: Tx, t: Tables, env: Envelope, e: wire.LevelAssessed) -> None:
    level = {
        "case_id": str(e.case_id),
        "version": e.case_version,
        "tilbud_id": e.tilbud_id,
        "level": e.level,
        "previous_level": e.previous_level,
        "direction": e.direction,
        "by_system": int(e.by_system),
        "occurred_at": env.occurred_at,
    }
    insert_row(tx, t.levels, level, on=("case_id", "version"))
    tx.run(_level_update(t, e.level == 4), {"key_case_id": str(e.case_id), "level": e.level})


def _plan(tx: Tx, t: Tables, env: Envelope, e: wire.HandlingPlanSet) -> None:
    _update(
        tx, t, str(e.case_id), plan_revision=e.revision, plan_review_date=e.review_date.isoformat()
    )


def _plan_reviewed(tx: Tx, t: Tables, env: Envelope, e: wire.HandlingPlanReviewed) -> None:
    if e.next_review_date is not None:
        _update(tx, t, str(e.case_id), plan_review_date=e.next_review_date.isoformat())


def _leader(tx: Tx, t: Tables, env: Envelope, e: wire.LeaderAssigned) -> None:
    _update(tx, t, str(e.case_id), leader=e.leader, leader_required=0)


def _incident(tx: Tx, t: Tables, env: Envelope, e: wire.IncidentReported) -> None:
    incident = {
        "case_id": str(e.case_id),
        "incident_id": e.incident_id,
        "tilbud_id": e.tilbud_id,
        "kind": e.kind,
        "incident_at": utc_iso(e.incident_at),
    }
    insert_row(tx, t.incidents, incident, on=("case_id", "incident_id"))


def _complaint(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintReceived) -> None:
    complaint = {
        "case_id": str(e.case_id),
        "complaint_id": e.complaint_id,
        "tilbud_id": e.tilbud_id,
        "received_at": utc_iso(e.received_at),
        "deadline": utc_iso(e.first_contact_deadline),
    }
    insert_row(tx, t.complaints, complaint, on=("case_id", "complaint_id"))
    tx.run(_recount(t, "open_complaints"), {"key_case_id": str(e.case_id)})


def _complaint_update(tx: Tx, t: Tables, e: Any, **values: Any) -> None:
    key = {"case_id": str(e.case_id), "complaint_id": e.complaint_id}
    update_row(tx, t.complaints, key, **values)


def _first_contact(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintFirstContactRecorded) -> None:
    _complaint_update(tx, t, e, first_contact_at=utc_iso(e.contacted_at))


def _resolved(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintResolved) -> None:
    _complaint_update(tx, t, e, resolved_at=env.occurred_at, outcome=e.outcome)
    tx.run(_recount(t, "open_complaints"), {"key_case_id": str(e.case_id)})


HANDLERS: dict[str, Apply] = {
    "case_opened": _opened,
    "case_closed": _closed,
    "case_reopened": _reopened,
    "relative_added": _relative_added,
    "relative_updated": _relative_updated,
    "relative_removed": _relative_removed,
    "consent_granted": _consent(1),
    "consent_withdrawn": _consent(0),
    "move_in_conversation_scheduled": _scheduled,
    "move_in_conversation_held": _held,
    "level_assessed": _level,
    "handling_plan_set": _plan,
    "handling_plan_reviewed": _plan_reviewed,
    "leader_assigned": _leader,
    "incident_reported": _incident,
    "complaint_received": _complaint,
    "complaint_first_contact_recorded": _first_contact,
    "complaint_resolved": _resolved,
    "contact_person_assigned": lambda tx, t, env, e: project_contact_person(tx, t, e),
    "relatives_involved": lambda tx, t, env, e: project_involvement(tx, t, e),
}


def _later_incarnation(tx: Tx, t: Tables, case_id: str, env: Envelope) -> bool:
    """True (and remembered) for the first event of a later incarnation of the cases
    store: its versions replace those projected before the restore (lost with it)."""
    parsed = parse_event_id(env.ce_id)
    incarnation = parsed.incarnation if parsed else 0
    known = select_row(tx, t.case_incarnations, ("incarnation",), case_id=case_id)
    if incarnation <= (int(known[0]) if known else 0):
        return False
    row = {"case_id": case_id, "incarnation": incarnation}
    insert_row(tx, t.case_incarnations, row, on=("case_id",), update=("incarnation",))
    return True


Versions = dict[str, int | None]


@cache
def _versions(t: Tables) -> Select[Any]:
    c = t.cases.c
    return select(c.case_id, c.version).where(c.case_id.in_(bindparam("ids", expanding=True)))


def case_ids(events: Iterable[object]) -> list[str]:
    return sorted({str(e.case_id) for e in events if isinstance(e, wire.CaseEvent)})


def versions_query(t: Tables, ids: list[str]) -> tuple[Select[Any], dict[str, Any]]:
    """The read of the cases' versions, for :func:`versions_from` (pipelined)."""
    return _versions(t), {"ids": ids}


def versions_from(ids: list[str], rows: Iterable[Sequence[Any]]) -> Versions:
    return {**dict.fromkeys(ids), **{str(c): int(v) for c, v in rows}}


def case_versions(tx: Tx, t: Tables, events: Sequence[object]) -> Versions:
    """The projected versions of the cases of ``events`` (one query; None: not projected
    yet), for :func:`project_case_event` to check a batch against without a read each."""
    ids = case_ids(events)
    return versions_from(ids, tx.all(*versions_query(t, ids))) if ids else {}


def project_case_event(
    tx: Tx, t: Tables, env: Envelope, event: wire.CaseEvent, versions: Versions | None = None
) -> bool:
    """Apply one case event; False when the case already is at or past its version
    (of the same or a later incarnation of the cases store). ``versions``
    (:func:`case_versions`) spares the read of the case's version and is kept current."""
    case_id = str(event.case_id)
    if versions is not None and case_id in versions:
        current = versions[case_id]
    else:
        current = _case_version(tx, t, case_id)
    if (
        current is not None
        and event.case_version <= current
        and not _later_incarnation(tx, t, case_id, env)
    ):
        return False
    if current is None:
        new = {
            "case_id": case_id,
            "tilbud_id": event.tilbud_id,
            "version": 0,
            "status": "open",
            "leader_required": 0,
            "relatives": 0,
            "open_complaints": 0,
            "updated_at": env.occurred_at,
        }
        insert_row(tx, t.cases, new)
    handler = HANDLERS.get(type(event).name)
    if handler is not None:
        handler(tx, t, env, event)
    _update(tx, t, case_id, version=event.case_version, updated_at=env.occurred_at)
    if versions is not None:
        versions[case_id] = event.case_version
    return True
