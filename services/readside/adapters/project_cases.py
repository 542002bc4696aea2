"""Projection of ``pkraft.cases.v1`` into the case list, complaints, levels, incidents,
relatives and consents. Each case row carries the last version applied: an event at or
below it is a repeat and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, insert, select, update

from services.readside.adapters.dashboard_contact_involvement import (
    project_contact_person,
    project_involvement,
)
from services.readside.adapters.tables import Tables
from services.readside.domain.envelope import Envelope, utc_iso
from shared.contracts import cases as wire
from shared.eventid import parse_event_id
from shared.sqldb import Tx

Apply = Callable[[Tx, Tables, Envelope, Any], None]


def _case_version(tx: Tx, t: Tables, case_id: str) -> int | None:
    version = tx.scalar(select(t.cases.c.version).where(t.cases.c.case_id == case_id))
    return int(version) if version is not None else None


def _update(tx: Tx, t: Tables, case_id: str, **values: Any) -> None:
    tx.run(update(t.cases).where(t.cases.c.case_id == case_id).values(**values))


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


def _count_relatives(tx: Tx, t: Tables, case_id: str) -> None:
    r = t.relatives.c
    n = tx.scalar(select(func.count()).where(r.case_id == case_id, r.active == 1))
    _update(tx, t, case_id, relatives=int(n or 0))


def _relative_added(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeAdded) -> None:
    upsert = tx.insert(t.relatives).values(
        case_id=str(e.case_id),
        relative_id=e.relative_id,
        tilbud_id=e.tilbud_id,
        legal_role=e.legal_role,
        active=1,
    )
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[t.relatives.c.case_id, t.relatives.c.relative_id],
            set_={"legal_role": upsert.excluded.legal_role, "active": 1},
        )
    )
    _count_relatives(tx, t, str(e.case_id))


def _relative_updated(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeUpdated) -> None:
    r = t.relatives.c
    if e.legal_role is not None:
        tx.run(
            update(t.relatives)
            .where(r.case_id == str(e.case_id), r.relative_id == e.relative_id)
            .values(legal_role=e.legal_role)
        )


def _relative_removed(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeRemoved) -> None:
    for table in (t.relatives, t.consents):
        key = (table.c.case_id == str(e.case_id), table.c.relative_id == e.relative_id)
        tx.run(update(table).where(*key).values(active=0))
    _count_relatives(tx, t, str(e.case_id))


def _consent(active: int) -> Apply:
    def apply(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
        c = t.consents.c
        upsert = tx.insert(t.consents).values(
            case_id=str(e.case_id), relative_id=e.relative_id, scope=e.scope, form=e.form
        )
        tx.run(
            upsert.values(active=active).on_conflict_do_update(
                index_elements=[c.case_id, c.relative_id, c.scope],
                set_={"form": upsert.excluded.form, "active": active},
            )
        )

    return apply


def _scheduled(tx: Tx, t: Tables, env: Envelope, e: wire.MoveInConversationScheduled) -> None:
    _update(tx, t, str(e.case_id), conversation_at=utc_iso(e.conversation_at))


def _held(tx: Tx, t: Tables, env: Envelope, e: wire.MoveInConversationHeld) -> None:
    _update(tx, t, str(e.case_id), conversation_held_at=utc_iso(e.held_at))


def _level(tx: Tx, t: Tables, env: Envelope, e: wire.LevelAssessed) -> None:
    level = tx.insert(t.levels).values(
        case_id=str(e.case_id),
        version=e.case_version,
        tilbud_id=e.tilbud_id,
        level=e.level,
        previous_level=e.previous_level,
        direction=e.direction,
        by_system=int(e.by_system),
        occurred_at=env.occurred_at,
    )
    tx.run(level.on_conflict_do_nothing())
    leader = tx.scalar(select(t.cases.c.leader).where(t.cases.c.case_id == str(e.case_id)))
    _update(tx, t, str(e.case_id), level=e.level, leader_required=int(e.level == 4 and not leader))


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
    incident = tx.insert(t.incidents).values(
        case_id=str(e.case_id),
        incident_id=e.incident_id,
        tilbud_id=e.tilbud_id,
        kind=e.kind,
        incident_at=utc_iso(e.incident_at),
    )
    tx.run(incident.on_conflict_do_nothing())


def _count_open_complaints(tx: Tx, t: Tables, case_id: str) -> None:
    k = t.complaints.c
    n = tx.scalar(select(func.count()).where(k.case_id == case_id, k.resolved_at.is_(None)))
    _update(tx, t, case_id, open_complaints=int(n or 0))


def _complaint(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintReceived) -> None:
    complaint = tx.insert(t.complaints).values(
        case_id=str(e.case_id),
        complaint_id=e.complaint_id,
        tilbud_id=e.tilbud_id,
        received_at=utc_iso(e.received_at),
        deadline=utc_iso(e.first_contact_deadline),
    )
    tx.run(complaint.on_conflict_do_nothing())
    _count_open_complaints(tx, t, str(e.case_id))


def _complaint_update(tx: Tx, t: Tables, e: Any, **values: Any) -> None:
    k = t.complaints.c
    key = (k.case_id == str(e.case_id), k.complaint_id == e.complaint_id)
    tx.run(update(t.complaints).where(*key).values(**values))


def _first_contact(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintFirstContactRecorded) -> None:
    _complaint_update(tx, t, e, first_contact_at=utc_iso(e.contacted_at))


def _resolved(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintResolved) -> None:
    _complaint_update(tx, t, e, resolved_at=env.occurred_at, outcome=e.outcome)
    _count_open_complaints(tx, t, str(e.case_id))


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
    i = t.case_incarnations
    known = tx.scalar(select(i.c.incarnation).where(i.c.case_id == case_id))
    if incarnation <= int(known or 0):
        return False
    upsert = tx.insert(i).values(case_id=case_id, incarnation=incarnation)
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[i.c.case_id], set_={"incarnation": upsert.excluded.incarnation}
        )
    )
    return True


Versions = dict[str, int | None]


def case_versions(tx: Tx, t: Tables, events: Sequence[object]) -> Versions:
    """The projected versions of the cases of ``events`` (one query; None: not projected
    yet), for :func:`project_case_event` to check a batch against without a read each."""
    ids = sorted({str(e.case_id) for e in events if isinstance(e, wire.CaseEvent)})
    if not ids:
        return {}
    c = t.cases.c
    rows = tx.all(select(c.case_id, c.version).where(c.case_id.in_(ids)))
    return {**dict.fromkeys(ids), **{str(c): int(v) for c, v in rows}}


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
        tx.run(
            insert(t.cases).values(
                case_id=case_id,
                tilbud_id=event.tilbud_id,
                version=0,
                status="open",
                leader_required=0,
                relatives=0,
                open_complaints=0,
                updated_at=env.occurred_at,
            )
        )
    handler = HANDLERS.get(type(event).name)
    if handler is not None:
        handler(tx, t, env, event)
    _update(tx, t, case_id, version=event.case_version, updated_at=env.occurred_at)
    if versions is not None:
        versions[case_id] = event.case_version
    return True
