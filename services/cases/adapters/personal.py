"""Which stored fields of the case events are personal data, and whose.

Every field of every case event is declared here, as personal (with the data subject it
belongs to) or as public (ids, codes, levels, dates, staff ids). A unit test fails when an
event gains a field that is neither, so nothing personal reaches the store in clear by
oversight. Free text belongs to the citizen, except where it is a relative's own words or
about them (their details, the reason they were removed, a complaint they made).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.cases.domain.case import CollaborationCase
from services.cases.domain.case_privacy import (
    citizen_subject,
    complainant_subject,
    relative_subject,
)
from shared.privacy.declaration import EventPrivacy, Personal, SubjectRule


def citizen(aggregate_id: str, state: Mapping[str, Any]) -> str:
    return citizen_subject(aggregate_id)


def relative(aggregate_id: str, state: Mapping[str, Any]) -> str:
    return relative_subject(aggregate_id, str(state["relative_id"]))


def complainant(aggregate_id: str, state: Mapping[str, Any]) -> str:
    return complainant_subject(aggregate_id, str(state["complainant"]))


def _declare(public: str, rule: SubjectRule, *paths: str) -> EventPrivacy:
    return EventPrivacy(
        personal=tuple(Personal(p, rule) for p in paths), public=frozenset(public.split())
    )


def _citizen(public: str, *paths: str) -> EventPrivacy:
    return _declare(public, citizen, *paths)


def _relative(public: str, *paths: str) -> EventPrivacy:
    return _declare(public, relative, *paths)


PERSONAL_FIELDS: dict[str, EventPrivacy] = {
    "Opened": _citizen("citizen_ref tilbud_id setting planned_move_in actor", "cpr"),
    "Closed": _citizen("reason actor", "note"),
    "Reopened": _citizen("actor", "reason"),
    "RelativeAdded": _relative(
        "relative_id legal_role preferred_channel actor", "name", "relation", "channels.*"
    ),
    "RelativeUpdated": _relative(
        "relative_id actor", "changes.name", "changes.relation", "changes.channels.*"
    ),
    "RelativeRemoved": _relative("relative_id actor", "reason"),
    "RelativeLinkedToPerson": _relative("relative_id person_id actor"),
    "ConsentGranted": _citizen("relative_id scope form actor"),
    "ConsentWithdrawn": _citizen("relative_id scope form actor"),
    "MoveInConversationScheduled": _citizen(
        "conversation_at invitee_relative_ids actor", "location"
    ),
    "MoveInConversationHeld": _citizen(
        "held_at covered_items participant_relative_ids citizen_participated actor agreement_ids",
        "item_notes.*",
        "agreements[].topic",
        "agreements[].responsible",
    ),
    "AgreementMade": _citizen("agreement_id due_date actor", "topic", "responsible"),
    "MoveInAgreementMade": _citizen("agreement_id due_date actor", "topic", "responsible"),
    "AgreementKept": _citizen("agreement_id actor"),
    "AgreementBroken": _citizen("agreement_id actor", "note"),
    "LevelAssessed": _citizen(
        "level previous_level characteristics by_system incident_id actor", "justification"
    ),
    "HandlingPlanSet": _citizen(
        "revision focus_areas review_date actor", "actions[].action", "actions[].owner"
    ),
    "HandlingPlanReviewed": _citizen("next_review_date actor", "notes"),
    "LeaderAssigned": _citizen("leader actor"),
    "IncidentReported": _citizen("incident_id kind against occurred_at actor", "description"),
    "ComplaintReceived": _declare(
        "complaint_id received_at first_contact_deadline complainant channel actor",
        complainant,
        "summary",
    ),
    "ComplaintFirstContactRecorded": _citizen("complaint_id contacted_at actor"),
    "ComplaintResolved": _citizen("complaint_id outcome actor", "resolution"),
    "DialogueNoted": _citizen("note_id kind actor", "summary", "participants[]"),
    "HandoverRecorded": _citizen("actor", "deliverables", "expectations", "legal_differences[]"),
    "NetworkRelationRecorded": _citizen("relation_id kind category actor", "description"),
    "SubjectErased": _citizen("subject_id relative_id reason actor"),
    "LegalHoldSet": _citizen("reason actor"),
    "LegalHoldLifted": _citizen("reason actor"),
    # The contact person's name as the case names them to the relatives: kept with the
    # case, encrypted with its key and erased with it (domain/case_contact_person.py).
    "ContactPersonAssigned": _citizen("staff_id previous_staff_id actor", "display_name"),
    "RelativesInvolved": _citizen("involvement_id kind involved_on relative_ids actor"),
}


def declaration() -> dict[type, EventPrivacy]:
    """The declaration by event class (the mapper's form)."""
    return {getattr(CollaborationCase, name): spec for name, spec in PERSONAL_FIELDS.items()}
