"""JSON views of a ``CollaborationCase`` for the API (never includes the CPR)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from services.cases.domain.case_base import Record
from services.cases.domain.case_contact_person import contact_person, contact_person_history
from services.cases.domain.case_involvement import involvements
from services.cases.domain.case_legal_hold import legal_hold
from services.cases.domain.case_privacy import citizen_subject, erasure_marker, relative_subject
from services.cases.domain.validation import require_aware

if TYPE_CHECKING:
    from services.cases.domain.case import CollaborationCase


def jsonable(value: Any) -> Any:
    """A deep copy of ``value`` with datetimes as ISO 8601 strings."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    return value


def is_overdue(complaint: Record, now: datetime) -> bool:
    """No first contact yet, not resolved, and the 24-hour deadline has passed."""
    return (
        complaint["first_contact_at"] is None
        and complaint["outcome"] is None
        and now > complaint["first_contact_deadline"]
    )


def complaint_view(complaint: Record, now: datetime) -> Record:
    """A complaint with its ``overdue`` flag computed against ``now``."""
    view: Record = jsonable(complaint)
    view["overdue"] = is_overdue(complaint, now)
    return view


def overdue_complaints(case: CollaborationCase, now: datetime) -> list[Record]:
    """Complaints whose first-contact deadline has passed without contact."""
    now = require_aware(now, "now")
    return [complaint_view(c, now) for c in case.complaints.values() if is_overdue(c, now)]


def _relative_view(case: CollaborationCase, relative: Record) -> Record:
    view: Record = jsonable(relative)
    view["consents"] = list(view["consents"].values())
    erased = erasure_marker(case, relative_subject(case.id, relative["relative_id"]))
    if erased is not None:  # the fields read as null; this says why
        view["erasure"] = erased
    return view


def case_state(case: CollaborationCase, now: datetime) -> Record:
    """The whole current state of ``case`` as a JSON-serialisable dict."""
    now = require_aware(now, "now")
    closure = case.closure or {}
    state = {
        "id": str(case.id),
        "version": case.version,
        "created_on": jsonable(case.created_on),
        "modified_on": jsonable(case.modified_on),
        "citizen_ref": case.citizen_ref,
        "tilbud_id": case.tilbud_id,
        "setting": case.setting,
        "planned_move_in": case.planned_move_in,
        "opened_by": case.opened_by,
        "status": case.status,
        "close_reason": closure.get("reason"),
        "closure": jsonable(case.closure),
        "level": case.level,
        "level_assessment": jsonable(case.level_assessment),
        "level_history": jsonable(case.level_history),
        "leader": case.leader,
        "leader_required": case.leader_required,
        "handling_plan": jsonable(case.handling_plan),
        "relatives": [_relative_view(case, r) for r in case.relatives.values()],
        "move_in_conversation": jsonable(case.move_in_conversation),
        "agreements": jsonable(list(case.agreements.values())),
        "incidents": jsonable(list(case.incidents.values())),
        "complaints": [complaint_view(c, now) for c in case.complaints.values()],
        "dialogue_notes": jsonable(list(case.dialogue_notes.values())),
        "handover": jsonable(case.handover),
        "network_relations": jsonable(list(case.network_relations.values())),
        "legal_hold": jsonable(legal_hold(case)),
        "contact_person": jsonable(contact_person(case)),
        "contact_person_history": jsonable(contact_person_history(case)),
        "involvements": jsonable(list(involvements(case).values())),
    }
    citizen_erased = erasure_marker(case, citizen_subject(case.id))
    if citizen_erased is not None:
        state["citizen_erasure"] = citizen_erased
    return state
