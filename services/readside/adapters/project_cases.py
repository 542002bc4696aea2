"""Projection of ``pkraft.cases.v1`` into the case list, complaints, levels, incidents,
relatives and consents. Each case row carries the last version applied: an event at or
below it is a repeat and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
    row = tx.one(f"SELECT version FROM {t.cases} WHERE case_id = ?", (case_id,))
    return int(row[0]) if row else None


def _update(tx: Tx, t: Tables, case_id: str, **values: Any) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    tx.execute(f"UPDATE {t.cases} SET {sets} WHERE case_id = ?", [*values.values(), case_id])


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
    row = tx.one(f"SELECT COUNT(*) FROM {t.relatives} WHERE case_id = ? AND active = 1", (case_id,))
    _update(tx, t, case_id, relatives=int(row[0]) if row else 0)


def _relative_added(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeAdded) -> None:
    tx.execute(
        f"INSERT INTO {t.relatives} (case_id, relative_id, tilbud_id, legal_role, "
        "active) VALUES (?, ?, ?, ?, 1) ON CONFLICT (case_id, relative_id) DO UPDATE SET "
        "legal_role = excluded.legal_role, active = 1",
        (str(e.case_id), e.relative_id, e.tilbud_id, e.legal_role),
    )
    _count_relatives(tx, t, str(e.case_id))


def _relative_updated(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeUpdated) -> None:
    for column in ("legal_role",):
        value = getattr(e, column)
        if value is not None:
            tx.execute(
                f"UPDATE {t.relatives} SET {column} = ? WHERE case_id = ? AND relative_id = ?",
                (value, str(e.case_id), e.relative_id),
            )


def _relative_removed(tx: Tx, t: Tables, env: Envelope, e: wire.RelativeRemoved) -> None:
    key = (str(e.case_id), e.relative_id)
    tx.execute(f"UPDATE {t.relatives} SET active = 0 WHERE case_id = ? AND relative_id = ?", key)
    tx.execute(f"UPDATE {t.consents} SET active = 0 WHERE case_id = ? AND relative_id = ?", key)
    _count_relatives(tx, t, str(e.case_id))


def _consent(active: int) -> Apply:
    def apply(tx: Tx, t: Tables, env: Envelope, e: Any) -> None:
        tx.execute(
            f"INSERT INTO {t.consents} (case_id, relative_id, scope, form, active) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, relative_id, scope) DO UPDATE SET "
            "form = excluded.form, active = excluded.active",
            (str(e.case_id), e.relative_id, e.scope, e.form, active),
        )

    return apply


def _scheduled(tx: Tx, t: Tables, env: Envelope, e: wire.MoveInConversationScheduled) -> None:
    _update(tx, t, str(e.case_id), conversation_at=utc_iso(e.conversation_at))


def _held(tx: Tx, t: Tables, env: Envelope, e: wire.MoveInConversationHeld) -> None:
    _update(tx, t, str(e.case_id), conversation_held_at=utc_iso(e.held_at))


def _level(tx: Tx, t: Tables, env: Envelope, e: wire.LevelAssessed) -> None:
    tx.execute(
        f"INSERT INTO {t.levels} (case_id, version, tilbud_id, level, previous_level, "
        "direction, by_system, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (case_id, version) DO NOTHING",
        (
            str(e.case_id),
            e.case_version,
            e.tilbud_id,
            e.level,
            e.previous_level,
            e.direction,
            int(e.by_system),
            env.occurred_at,
        ),
    )
    row = tx.one(f"SELECT leader FROM {t.cases} WHERE case_id = ?", (str(e.case_id),))
    leader = row[0] if row else None
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
    tx.execute(
        f"INSERT INTO {t.incidents} (case_id, incident_id, tilbud_id, kind, incident_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, incident_id) DO NOTHING",
        (str(e.case_id), e.incident_id, e.tilbud_id, e.kind, utc_iso(e.incident_at)),
    )


def _count_open_complaints(tx: Tx, t: Tables, case_id: str) -> None:
    row = tx.one(
        f"SELECT COUNT(*) FROM {t.complaints} WHERE case_id = ? AND resolved_at IS NULL",
        (case_id,),
    )
    _update(tx, t, case_id, open_complaints=int(row[0]) if row else 0)


def _complaint(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintReceived) -> None:
    tx.execute(
        f"INSERT INTO {t.complaints} (case_id, complaint_id, tilbud_id, received_at, deadline) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, complaint_id) DO NOTHING",
        (
            str(e.case_id),
            e.complaint_id,
            e.tilbud_id,
            utc_iso(e.received_at),
            utc_iso(e.first_contact_deadline),
        ),
    )
    _count_open_complaints(tx, t, str(e.case_id))


def _first_contact(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintFirstContactRecorded) -> None:
    tx.execute(
        f"UPDATE {t.complaints} SET first_contact_at = ? WHERE case_id = ? AND complaint_id = ?",
        (utc_iso(e.contacted_at), str(e.case_id), e.complaint_id),
    )


def _resolved(tx: Tx, t: Tables, env: Envelope, e: wire.ComplaintResolved) -> None:
    tx.execute(
        f"UPDATE {t.complaints} SET resolved_at = ?, outcome = ? "
        "WHERE case_id = ? AND complaint_id = ?",
        (env.occurred_at, e.outcome, str(e.case_id), e.complaint_id),
    )
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
    row = tx.one(f"SELECT incarnation FROM {t.case_incarnations} WHERE case_id = ?", (case_id,))
    if incarnation <= (int(row[0]) if row else 0):
        return False
    tx.execute(
        f"INSERT INTO {t.case_incarnations} (case_id, incarnation) VALUES (?, ?) "
        "ON CONFLICT (case_id) DO UPDATE SET incarnation = excluded.incarnation",
        (case_id, incarnation),
    )
    return True


Versions = dict[str, int | None]


def case_versions(tx: Tx, t: Tables, events: Sequence[object]) -> Versions:
    """The projected versions of the cases of ``events`` (one query; None: not projected
    yet), for :func:`project_case_event` to check a batch against without a read each."""
    ids = sorted({str(e.case_id) for e in events if isinstance(e, wire.CaseEvent)})
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = tx.all(f"SELECT case_id, version FROM {t.cases} WHERE case_id IN ({marks})", ids)
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
        tx.execute(
            f"INSERT INTO {t.cases} (case_id, tilbud_id, version, status, leader_required, "
            "relatives, open_complaints, updated_at) VALUES (?, ?, 0, 'open', 0, 0, 0, ?)",
            (case_id, event.tilbud_id, env.occurred_at),
        )
    handler = HANDLERS.get(type(event).name)
    if handler is not None:
        handler(tx, t, env, event)
    _update(tx, t, case_id, version=event.case_version, updated_at=env.occurred_at)
    if versions is not None:
        versions[case_id] = event.case_version
    return True
