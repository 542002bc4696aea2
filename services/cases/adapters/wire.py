"""Maps the aggregate's internal events onto the public wire contracts (``pkraft.cases.v1``)."""

from __future__ import annotations

from typing import Any

from shared.contracts import cases as wire
from shared.contracts.mapping import Mapper, ids, translate
from shared.kafka.cloudevents import OutboundRecord
from shared.relay.relay import event_translator

_CASE = ids("case", tilbud_id="")


def _direction(previous: int | None, level: int) -> str:
    if previous is None:
        return "initial"
    if level > previous:
        return "escalation"
    return "de_escalation" if level < previous else "unchanged"


def _relative_updated(e: Any, c: dict[str, Any]) -> wire.CaseEvent:
    """Which fields changed, and the new codes; never the new name or addresses."""
    changes = dict(e.changes)
    channels = changes.get("channels")
    return wire.RelativeUpdated(
        **c,
        relative_id=e.relative_id,
        legal_role=changes.get("legal_role"),
        preferred_channel=changes.get("preferred_channel"),
        changed=sorted(changes),
        channel_kinds=_kinds(channels) if "channels" in changes else None,
    )


def _held_agreement_ids(e: Any) -> list[str]:
    """Newer events name the agreements (each then made by its own event); events stored
    before that carry the agreements themselves."""
    ids = getattr(e, "agreement_ids", None)
    return list(ids) if ids is not None else [a["agreement_id"] for a in e.agreements]


def _kinds(channels: Any) -> list[str]:
    """The kinds of channel on file. Every stored address is non-empty text, so these are
    the keys; an erased relative's addresses read as None but their kinds (codes) stay, so
    the event maps to what was published (the read side's verify compares the two)."""
    return sorted(channels or {})


MAPPERS: dict[str, Mapper] = {
    "Opened": lambda e, c: wire.CaseOpened(
        **c, setting=e.setting, planned_move_in=e.planned_move_in
    ),
    "Closed": lambda e, c: wire.CaseClosed(**c, reason=e.reason),
    "Reopened": lambda e, c: wire.CaseReopened(**c),
    "RelativeAdded": lambda e, c: wire.RelativeAdded(
        **c,
        relative_id=e.relative_id,
        legal_role=e.legal_role,
        channel_kinds=_kinds(e.channels),
        preferred_channel=e.preferred_channel,
    ),
    "RelativeUpdated": _relative_updated,
    "RelativeRemoved": lambda e, c: wire.RelativeRemoved(**c, relative_id=e.relative_id),
    "RelativeLinkedToPerson": lambda e, c: wire.RelativeLinkedToPerson(
        **c, relative_id=e.relative_id, person_id=e.person_id
    ),
    "ConsentGranted": lambda e, c: wire.ConsentGranted(
        **c, relative_id=e.relative_id, scope=e.scope, form=e.form
    ),
    "ConsentWithdrawn": lambda e, c: wire.ConsentWithdrawn(
        **c, relative_id=e.relative_id, scope=e.scope, form=e.form
    ),
    "MoveInConversationScheduled": lambda e, c: wire.MoveInConversationScheduled(
        **c, conversation_at=e.conversation_at, invitee_relative_ids=e.invitee_relative_ids
    ),
    "MoveInConversationHeld": lambda e, c: wire.MoveInConversationHeld(
        **c,
        held_at=e.held_at,
        covered_items=e.covered_items,
        agreement_ids=_held_agreement_ids(e),
        participant_relative_ids=e.participant_relative_ids,
        citizen_participated=e.citizen_participated,
    ),
    "MoveInAgreementMade": lambda e, c: wire.AgreementMade(
        **c, agreement_id=e.agreement_id, due_date=e.due_date
    ),
    "AgreementMade": lambda e, c: wire.AgreementMade(
        **c, agreement_id=e.agreement_id, due_date=e.due_date
    ),
    "AgreementKept": lambda e, c: wire.AgreementKept(**c, agreement_id=e.agreement_id),
    "AgreementBroken": lambda e, c: wire.AgreementBroken(**c, agreement_id=e.agreement_id),
    "LevelAssessed": lambda e, c: wire.LevelAssessed(
        **c,
        level=e.level,
        previous_level=e.previous_level,
        direction=_direction(e.previous_level, e.level),
        characteristics=e.characteristics,
        by_system=e.by_system,
        incident_id=e.incident_id,
    ),
    "HandlingPlanSet": lambda e, c: wire.HandlingPlanSet(
        **c,
        revision=e.revision,
        focus_areas=e.focus_areas,
        review_date=e.review_date,
        action_count=len(e.actions),
    ),
    "HandlingPlanReviewed": lambda e, c: wire.HandlingPlanReviewed(
        **c, next_review_date=e.next_review_date
    ),
    "LeaderAssigned": lambda e, c: wire.LeaderAssigned(**c, leader=e.leader),
    "IncidentReported": lambda e, c: wire.IncidentReported(
        **c, incident_id=e.incident_id, kind=e.kind, against=e.against, incident_at=e.occurred_at
    ),
    "ComplaintReceived": lambda e, c: wire.ComplaintReceived(
        **c,
        complaint_id=e.complaint_id,
        received_at=e.received_at,
        first_contact_deadline=e.first_contact_deadline,
        complainant=e.complainant,
        channel=e.channel,
    ),
    "ComplaintFirstContactRecorded": lambda e, c: wire.ComplaintFirstContactRecorded(
        **c, complaint_id=e.complaint_id, contacted_at=e.contacted_at
    ),
    "ComplaintResolved": lambda e, c: wire.ComplaintResolved(
        **c, complaint_id=e.complaint_id, outcome=e.outcome
    ),
    "DialogueNoted": lambda e, c: wire.DialogueNoted(**c, note_id=e.note_id, kind=e.kind),
    "HandoverRecorded": lambda e, c: wire.HandoverRecorded(
        **c, legal_difference_count=len(e.legal_differences)
    ),
    "NetworkRelationRecorded": lambda e, c: wire.NetworkRelationRecorded(
        **c, relation_id=e.relation_id, kind=e.kind, category=e.category
    ),
    "SubjectErased": lambda e, c: wire.SubjectErased(
        **c,
        subject_id=e.subject_id,
        subject_kind="citizen" if e.relative_id is None else "relative",
        relative_id=e.relative_id,
        reason=e.reason,
    ),
    "ContactPersonAssigned": lambda e, c: wire.ContactPersonAssigned(
        **c, staff_id=e.staff_id, previous_staff_id=e.previous_staff_id
    ),
    "RelativesInvolved": lambda e, c: wire.RelativesInvolved(
        **c,
        involvement_id=e.involvement_id,
        kind=e.kind,
        involved_on=e.involved_on,
        relative_ids=e.relative_ids,
    ),
}


def to_wire(event: Any) -> wire.CaseEvent | None:
    """The public contract for an internal event (None for events that stay internal)."""
    found = translate(event, MAPPERS, _CASE)
    return found if isinstance(found, wire.CaseEvent) else None


def to_record(event: Any, topic: str) -> OutboundRecord | None:
    """The CloudEvent record of an internal event (None for events that stay internal)."""
    return event_translator(to_wire, topic, wire.SOURCE)(event)
