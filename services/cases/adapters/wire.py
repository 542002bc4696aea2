"""Maps the aggregate's internal events onto the public wire contracts (``pkraft.cases.v1``)."""

from __future__ import annotations

from typing import Any

from shared.contracts import cases as wire
from shared.contracts.mapping import Contract, Mapper, WireMapping, ids
from shared.kafka.cloudevents import OutboundRecord
from shared.relay.relay import event_translator

_CASE = ids("case", tilbud_id="")


def _direction(previous: int | None, level: int) -> str:
    if previous is None:
        return "initial"
    if level > previous:
        return "escalation"
    return "de_escalation" if level < previous else "unchanged"


def _relative_updated(e: Any) -> dict[str, Any]:
    """Which fields changed, and the new codes; never the new name or addresses."""
    changes = dict(e.changes)
    channels = changes.get("channels")
    return dict(
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
    "Opened": Contract(
        wire.CaseOpened, lambda e: dict(setting=e.setting, planned_move_in=e.planned_move_in)
    ),
    "Closed": Contract(wire.CaseClosed, lambda e: dict(reason=e.reason)),
    "Reopened": Contract(wire.CaseReopened, lambda e: {}),
    "RelativeAdded": Contract(
        wire.RelativeAdded,
        lambda e: dict(
            relative_id=e.relative_id,
            legal_role=e.legal_role,
            channel_kinds=_kinds(e.channels),
            preferred_channel=e.preferred_channel,
        ),
    ),
    "RelativeUpdated": Contract(wire.RelativeUpdated, _relative_updated),
    "RelativeRemoved": Contract(wire.RelativeRemoved, lambda e: dict(relative_id=e.relative_id)),
    "RelativeLinkedToPerson": Contract(
        wire.RelativeLinkedToPerson,
        lambda e: dict(relative_id=e.relative_id, person_id=e.person_id),
    ),
    "ConsentGranted": Contract(
        wire.ConsentGranted, lambda e: dict(relative_id=e.relative_id, scope=e.scope, form=e.form)
    ),
    "ConsentWithdrawn": Contract(
        wire.ConsentWithdrawn, lambda e: dict(relative_id=e.relative_id, scope=e.scope, form=e.form)
    ),
    "MoveInConversationScheduled": Contract(
        wire.MoveInConversationScheduled,
        lambda e: dict(
            conversation_at=e.conversation_at, invitee_relative_ids=e.invitee_relative_ids
        ),
    ),
    "MoveInConversationHeld": Contract(
        wire.MoveInConversationHeld,
        lambda e: dict(
            held_at=e.held_at,
            covered_items=e.covered_items,
            agreement_ids=_held_agreement_ids(e),
            participant_relative_ids=e.participant_relative_ids,
            citizen_participated=e.citizen_participated,
        ),
    ),
    "MoveInAgreementMade": Contract(
        wire.AgreementMade, lambda e: dict(agreement_id=e.agreement_id, due_date=e.due_date)
    ),
    "AgreementMade": Contract(
        wire.AgreementMade, lambda e: dict(agreement_id=e.agreement_id, due_date=e.due_date)
    ),
    "AgreementKept": Contract(wire.AgreementKept, lambda e: dict(agreement_id=e.agreement_id)),
    "AgreementBroken": Contract(wire.AgreementBroken, lambda e: dict(agreement_id=e.agreement_id)),
    "LevelAssessed": Contract(
        wire.LevelAssessed,
        lambda e: dict(
            level=e.level,
            previous_level=e.previous_level,
            direction=_direction(e.previous_level, e.level),
            characteristics=e.characteristics,
            by_system=e.by_system,
            incident_id=e.incident_id,
        ),
    ),
    "HandlingPlanSet": Contract(
        wire.HandlingPlanSet,
        lambda e: dict(
            revision=e.revision,
            focus_areas=e.focus_areas,
            review_date=e.review_date,
            action_count=len(e.actions),
        ),
    ),
    "HandlingPlanReviewed": Contract(
        wire.HandlingPlanReviewed, lambda e: dict(next_review_date=e.next_review_date)
    ),
    "LeaderAssigned": Contract(wire.LeaderAssigned, lambda e: dict(leader=e.leader)),
    "IncidentReported": Contract(
        wire.IncidentReported,
        lambda e: dict(
            incident_id=e.incident_id, kind=e.kind, against=e.against, incident_at=e.occurred_at
        ),
    ),
    "ComplaintReceived": Contract(
        wire.ComplaintReceived,
        lambda e: dict(
            complaint_id=e.complaint_id,
            received_at=e.received_at,
            first_contact_deadline=e.first_contact_deadline,
            complainant=e.complainant,
            channel=e.channel,
        ),
    ),
    "ComplaintFirstContactRecorded": Contract(
        wire.ComplaintFirstContactRecorded,
        lambda e: dict(complaint_id=e.complaint_id, contacted_at=e.contacted_at),
    ),
    "ComplaintResolved": Contract(
        wire.ComplaintResolved, lambda e: dict(complaint_id=e.complaint_id, outcome=e.outcome)
    ),
    "DialogueNoted": Contract(wire.DialogueNoted, lambda e: dict(note_id=e.note_id, kind=e.kind)),
    "HandoverRecorded": Contract(
        wire.HandoverRecorded, lambda e: dict(legal_difference_count=len(e.legal_differences))
    ),
    "NetworkRelationRecorded": Contract(
        wire.NetworkRelationRecorded,
        lambda e: dict(relation_id=e.relation_id, kind=e.kind, category=e.category),
    ),
    "SubjectErased": Contract(
        wire.SubjectErased,
        lambda e: dict(
            subject_id=e.subject_id,
            subject_kind="citizen" if e.relative_id is None else "relative",
            relative_id=e.relative_id,
            reason=e.reason,
        ),
    ),
    "ContactPersonAssigned": Contract(
        wire.ContactPersonAssigned,
        lambda e: dict(staff_id=e.staff_id, previous_staff_id=e.previous_staff_id),
    ),
    "RelativesInvolved": Contract(
        wire.RelativesInvolved,
        lambda e: dict(
            involvement_id=e.involvement_id,
            kind=e.kind,
            involved_on=e.involved_on,
            relative_ids=e.relative_ids,
        ),
    ),
}


to_wire = WireMapping(lambda _: (MAPPERS, _CASE), wire.CaseEvent)
"""The public contract for an internal event (None for events that stay internal); its
``data`` is the contract's JSON data, for the relay."""


def to_record(event: Any, topic: str) -> OutboundRecord | None:
    """The CloudEvent record of an internal event (None for events that stay internal)."""
    return event_translator(to_wire, topic, wire.SOURCE)(event)
