"""Complaints, dialogue, handover and network (part of ``CollaborationCase``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from eventsourcing.domain import event

from services.cases.domain import case_rules as rules
from services.cases.domain.case_base import CaseBase
from services.cases.domain.clock import Now
from services.cases.domain.enums import (
    ComplaintOutcome,
    DialogueKind,
    NetworkCategory,
    NetworkKind,
)
from services.cases.domain.validation import (
    require_enum,
    require_new_id,
    require_text,
    require_text_list,
)
from shared.errors import DomainError

FIRST_CONTACT_WITHIN = timedelta(hours=24)
"""A complainant must be contacted within 24 hours of receipt."""


class RecordsPart(CaseBase):
    """Commands and events that document the collaboration."""

    def receive_complaint(
        self,
        complaint_id: str,
        received_at: datetime,
        complainant: str,
        channel: str,
        summary: str,
        actor: str,
        *,
        now: Now,
    ) -> None:
        """Register a complaint; first contact is due within 24 hours.

        ``complainant`` is a relative's id, ``citizen`` or ``other``.
        """
        actor = self._guard_open(actor)
        complaint_id = require_new_id(
            complaint_id, self.complaints, "complaint_exists", "complaint_id"
        )
        received_at = now.happened(received_at, "received_at")
        self._complaint_received(
            complaint_id=complaint_id,
            received_at=received_at,
            first_contact_deadline=received_at + FIRST_CONTACT_WITHIN,
            complainant=rules.complainant(complainant, self.relatives),
            channel=require_text(channel, "channel"),
            summary=require_text(summary, "summary"),
            actor=actor,
        )

    @event("ComplaintReceived")
    def _complaint_received(
        self,
        complaint_id: str,
        received_at: datetime,
        first_contact_deadline: datetime,
        complainant: str,
        channel: str,
        summary: str,
        actor: str,
    ) -> None:
        self.complaints[complaint_id] = {
            "complaint_id": complaint_id,
            "received_at": received_at,
            "first_contact_deadline": first_contact_deadline,
            "complainant": complainant,
            "channel": channel,
            "summary": summary,
            "received_by": actor,
            "first_contact_at": None,
            "first_contact_by": None,
            "outcome": None,
            "resolution": None,
            "resolved_by": None,
        }

    def record_complaint_first_contact(
        self, complaint_id: str, contacted_at: datetime, actor: str, *, now: Now
    ) -> None:
        """Record when the complainant was first contacted."""
        actor = self._guard_open(actor)
        rules.open_complaint(self.complaints, complaint_id)
        complaint = self.complaints[complaint_id]
        if complaint["first_contact_at"] is not None:
            raise DomainError(
                "first_contact_already_recorded",
                "First contact is already recorded for this complaint.",
                complaint_id=complaint_id,
            )
        contacted_at = now.happened(contacted_at, "contacted_at")
        if contacted_at < complaint["received_at"]:
            raise DomainError(
                "contact_before_received",
                "First contact cannot precede receipt of the complaint.",
                complaint_id=complaint_id,
            )
        self._complaint_first_contact_recorded(
            complaint_id=complaint_id, contacted_at=contacted_at, actor=actor
        )

    @event("ComplaintFirstContactRecorded")
    def _complaint_first_contact_recorded(
        self, complaint_id: str, contacted_at: datetime, actor: str
    ) -> None:
        self.complaints[complaint_id].update(first_contact_at=contacted_at, first_contact_by=actor)

    def resolve_complaint(
        self, complaint_id: str, outcome: str, resolution: str, actor: str
    ) -> None:
        """Close a complaint with its outcome."""
        actor = self._guard_open(actor)
        rules.open_complaint(self.complaints, complaint_id)
        self._complaint_resolved(
            complaint_id=complaint_id,
            outcome=require_enum(ComplaintOutcome, outcome, "invalid_outcome", "outcome"),
            resolution=require_text(resolution, "resolution"),
            actor=actor,
        )

    @event("ComplaintResolved")
    def _complaint_resolved(
        self, complaint_id: str, outcome: str, resolution: str, actor: str
    ) -> None:
        self.complaints[complaint_id].update(
            outcome=outcome, resolution=resolution, resolved_by=actor
        )

    def note_dialogue(
        self, note_id: str, kind: str, summary: str, participants: list[str], actor: str
    ) -> None:
        """Note a conversation with relatives (phone, meeting or e-mail)."""
        actor = self._guard_open(actor)
        self._dialogue_noted(
            note_id=require_new_id(note_id, self.dialogue_notes, "note_exists", "note_id"),
            kind=require_enum(DialogueKind, kind, "invalid_dialogue_kind", "kind"),
            summary=require_text(summary, "summary"),
            participants=require_text_list(participants, "participants"),
            actor=actor,
        )

    @event("DialogueNoted")
    def _dialogue_noted(
        self,
        note_id: str,
        kind: str,
        summary: str,
        participants: list[str],
        actor: str,
        timestamp: datetime | None = None,
    ) -> None:
        self.dialogue_notes[note_id] = {
            "note_id": note_id,
            "kind": kind,
            "summary": summary,
            "participants": list(participants),
            "noted_by": actor,
            "noted_at": timestamp,
        }

    def record_handover(
        self, deliverables: str, expectations: str, legal_differences: list[str], actor: str
    ) -> None:
        """Record the handover from authority (myndighed) to provider (udfører)."""
        actor = self._guard_open(actor)
        self._handover_recorded(
            deliverables=require_text(deliverables, "deliverables"),
            expectations=require_text(expectations, "expectations"),
            legal_differences=require_text_list(legal_differences, "legal_differences"),
            actor=actor,
        )

    @event("HandoverRecorded")
    def _handover_recorded(
        self, deliverables: str, expectations: str, legal_differences: list[str], actor: str
    ) -> None:
        revision = 1 if self.handover is None else self.handover["revision"] + 1
        self.handover = {
            "revision": revision,
            "deliverables": deliverables,
            "expectations": expectations,
            "legal_differences": list(legal_differences),
            "recorded_by": actor,
        }

    def record_network_relation(
        self, relation_id: str, kind: str, category: str, description: str, actor: str
    ) -> None:
        """Record a new or re-established relation in the citizen's network."""
        actor = self._guard_open(actor)
        self._network_relation_recorded(
            relation_id=require_new_id(
                relation_id, self.network_relations, "relation_exists", "relation_id"
            ),
            kind=require_enum(NetworkKind, kind, "invalid_network_kind", "kind"),
            category=require_enum(
                NetworkCategory, category, "invalid_network_category", "category"
            ),
            description=require_text(description, "description"),
            actor=actor,
        )

    @event("NetworkRelationRecorded")
    def _network_relation_recorded(
        self, relation_id: str, kind: str, category: str, description: str, actor: str
    ) -> None:
        self.network_relations[relation_id] = {
            "relation_id": relation_id,
            "kind": kind,
            "category": category,
            "description": description,
            "recorded_by": actor,
        }
