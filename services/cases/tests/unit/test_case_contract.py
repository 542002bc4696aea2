"""The aggregate's events match docs/dev/cases-domain.md exactly."""

import dataclasses
from uuid import UUID

from eventsourcing.domain import CommandMethodDecorator

from services.cases.domain.case import PARTS, CollaborationCase
from services.cases.tests.unit.builders import new_case

BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic"}

CONTRACT = {
    "Opened": "cpr citizen_ref tilbud_id setting planned_move_in actor",
    "Closed": "reason note actor",
    "Reopened": "reason actor",
    "RelativeAdded": "relative_id name relation legal_role channels preferred_channel actor",
    "RelativeUpdated": "relative_id changes actor",
    "RelativeRemoved": "relative_id reason actor",
    "RelativeLinkedToPerson": "relative_id person_id actor",
    "ConsentGranted": "relative_id scope form actor",
    "ConsentWithdrawn": "relative_id scope form actor",
    "MoveInConversationScheduled": "conversation_at location invitee_relative_ids actor",
    "MoveInConversationHeld": "held_at covered_items item_notes agreements "
    "participant_relative_ids citizen_participated actor agreement_ids",
    "MoveInAgreementMade": "agreement_id topic responsible due_date actor",
    "AgreementMade": "agreement_id topic responsible due_date actor",
    "AgreementKept": "agreement_id actor",
    "AgreementBroken": "agreement_id note actor",
    "LevelAssessed": "level previous_level characteristics justification by_system "
    "incident_id actor",
    "HandlingPlanSet": "revision focus_areas actions review_date actor",
    "HandlingPlanReviewed": "notes next_review_date actor",
    "LeaderAssigned": "leader actor",
    "IncidentReported": "incident_id kind against occurred_at description actor",
    "ComplaintReceived": "complaint_id received_at first_contact_deadline complainant "
    "channel summary actor",
    "ComplaintFirstContactRecorded": "complaint_id contacted_at actor",
    "ComplaintResolved": "complaint_id outcome resolution actor",
    "DialogueNoted": "note_id kind summary participants actor",
    "HandoverRecorded": "deliverables expectations legal_differences actor",
    "NetworkRelationRecorded": "relation_id kind category description actor",
    "SubjectErased": "subject_id relative_id reason actor",
    "LegalHoldSet": "reason actor",
    "LegalHoldLifted": "reason actor",
    "ContactPersonAssigned": "staff_id display_name previous_staff_id actor",
    "RelativesInvolved": "involvement_id kind involved_on relative_ids actor",
}


def test_every_contract_event_has_exactly_the_contract_attributes() -> None:
    for name, attributes in CONTRACT.items():
        event_cls = getattr(CollaborationCase, name)
        fields = {f.name for f in dataclasses.fields(event_cls)} - BASE_FIELDS
        assert fields == set(attributes.split()), name
        assert event_cls.__qualname__ == f"CollaborationCase.{name}"


def test_no_events_beyond_the_contract() -> None:
    defined = {
        name
        for name, value in vars(CollaborationCase).items()
        if isinstance(value, type) and name not in {"Event", "Created", "Snapshot"}
    }
    assert defined == set(CONTRACT)


def test_every_part_event_method_is_exposed_on_the_aggregate() -> None:
    for part in PARTS:
        for name, value in vars(part).items():
            if isinstance(value, CommandMethodDecorator):
                assert vars(CollaborationCase).get(name) is value, name


def test_id_is_deterministic_per_citizen_and_tilbud() -> None:
    case = new_case()
    assert case.id == CollaborationCase.create_id("citizen-1", "tilbud-1")
    assert isinstance(case.id, UUID) and case.id.version == 5
    assert new_case().id == case.id
    assert new_case(tilbud_id="tilbud-2").id != case.id
    assert new_case(citizen_ref="citizen-2").id != case.id
