"""The move-in conversation and agreements (part of ``CollaborationCase``)."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import event

from services.cases.domain import case_rules as rules
from services.cases.domain.case_base import CaseBase, Record
from services.cases.domain.catalogue import load_catalogue
from services.cases.domain.clock import Now
from services.cases.domain.enums import AgreementStatus, ConsentScope
from services.cases.domain.validation import (
    optional_iso_date,
    optional_text,
    require_aware,
    require_new_id,
    require_text,
)
from shared.errors import DomainError

FROM_MOVE_IN = "move_in_conversation"
FROM_CASE = "case"


class MoveInPart(CaseBase):
    """Commands and events about the move-in conversation and agreements."""

    def schedule_move_in_conversation(
        self, conversation_at: datetime, location: str | None, actor: str
    ) -> None:
        """Schedule (or reschedule) the conversation before the planned move-in.

        Invitees are the relatives who hold consent to be invited to meetings.
        """
        actor = self._guard_open(actor)
        self._require_not_held()
        conversation_at = require_aware(conversation_at, "conversation_at")
        rules.before_planned_move_in(conversation_at, self.planned_move_in)
        self._move_in_conversation_scheduled(
            conversation_at=conversation_at,
            location=optional_text(location, "location"),
            invitee_relative_ids=self.relatives_with_consent(ConsentScope.INVITE_TO_MEETINGS),
            actor=actor,
        )

    @event("MoveInConversationScheduled")
    def _move_in_conversation_scheduled(
        self,
        conversation_at: datetime,
        location: str | None,
        invitee_relative_ids: list[str],
        actor: str,
    ) -> None:
        self.move_in_conversation = {
            "status": "scheduled",
            "conversation_at": conversation_at,
            "location": location,
            "invitee_relative_ids": list(invitee_relative_ids),
            "scheduled_by": actor,
            "held_at": None,
            "held_by": None,
            "covered_items": [],
            "item_notes": {},
            "participant_relative_ids": [],
            "citizen_participated": None,
            "agreement_ids": [],
        }

    def hold_move_in_conversation(
        self,
        held_at: datetime,
        covered_items: list[str],
        item_notes: dict[str, str],
        agreements: list[dict[str, str | None]],
        participant_relative_ids: list[str],
        citizen_participated: bool,
        actor: str,
        *,
        now: Now,
    ) -> None:
        """Record the conversation held; its agreements become case agreements.

        Each agreement is ``{agreement_id, topic, responsible, due_date}``.
        """
        actor = self._guard_open(actor)
        if self.move_in_conversation is None:
            raise DomainError("move_in_not_scheduled", "No move-in conversation is scheduled.")
        self._require_not_held()
        catalogue = load_catalogue()
        made = rules.agreements(agreements, self.agreements)
        self._move_in_conversation_held(
            held_at=now.happened(held_at, "held_at"),
            covered_items=rules.checklist_items(catalogue, covered_items),
            item_notes=rules.item_notes(catalogue, item_notes),
            agreements=[],
            participant_relative_ids=rules.participants(
                self.move_in_conversation["invitee_relative_ids"], participant_relative_ids
            ),
            citizen_participated=bool(citizen_participated),
            actor=actor,
            agreement_ids=[str(a["agreement_id"]) for a in made],
        )
        # One event per agreement, so each is made on the wire like any other agreement.
        for a in made:
            self._move_in_agreement_made(
                agreement_id=str(a["agreement_id"]),
                topic=str(a["topic"]),
                responsible=str(a["responsible"]),
                due_date=a["due_date"],
                actor=actor,
            )

    @event("MoveInConversationHeld")
    def _move_in_conversation_held(
        self,
        held_at: datetime,
        covered_items: list[str],
        item_notes: dict[str, str],
        agreements: list[Record],
        participant_relative_ids: list[str],
        citizen_participated: bool,
        actor: str,
        agreement_ids: list[str] | None = None,
    ) -> None:
        # Events stored before MoveInAgreementMade carry the agreements themselves
        # (and no agreement_ids); newer ones name them and leave ``agreements`` empty.
        assert self.move_in_conversation is not None
        self.move_in_conversation.update(
            status="held",
            held_at=held_at,
            held_by=actor,
            covered_items=list(covered_items),
            item_notes=dict(item_notes),
            participant_relative_ids=list(participant_relative_ids),
            citizen_participated=citizen_participated,
            agreement_ids=(
                list(agreement_ids)
                if agreement_ids is not None
                else [a["agreement_id"] for a in agreements]
            ),
        )
        for made in agreements:
            self._add_agreement(made, FROM_MOVE_IN, actor)

    @event("MoveInAgreementMade")
    def _move_in_agreement_made(
        self, agreement_id: str, topic: str, responsible: str, due_date: str | None, actor: str
    ) -> None:
        made = {
            "agreement_id": agreement_id,
            "topic": topic,
            "responsible": responsible,
            "due_date": due_date,
        }
        self._add_agreement(made, FROM_MOVE_IN, actor)

    def make_agreement(
        self, agreement_id: str, topic: str, responsible: str, due_date: str | None, actor: str
    ) -> None:
        """Record an agreement between the tilbud, citizen and relatives."""
        actor = self._guard_open(actor)
        self._agreement_made(
            agreement_id=require_new_id(
                agreement_id, self.agreements, "agreement_exists", "agreement_id"
            ),
            topic=require_text(topic, "topic"),
            responsible=require_text(responsible, "responsible"),
            due_date=optional_iso_date(due_date, "due_date"),
            actor=actor,
        )

    @event("AgreementMade")
    def _agreement_made(
        self, agreement_id: str, topic: str, responsible: str, due_date: str | None, actor: str
    ) -> None:
        made = {
            "agreement_id": agreement_id,
            "topic": topic,
            "responsible": responsible,
            "due_date": due_date,
        }
        self._add_agreement(made, FROM_CASE, actor)

    def mark_agreement_kept(self, agreement_id: str, actor: str) -> None:
        """Mark an open agreement as kept."""
        actor = self._guard_open(actor)
        rules.open_agreement(self.agreements, agreement_id)
        self._agreement_kept(agreement_id=agreement_id, actor=actor)

    @event("AgreementKept")
    def _agreement_kept(self, agreement_id: str, actor: str) -> None:
        self.agreements[agreement_id].update(status=AgreementStatus.KEPT.value, settled_by=actor)

    def mark_agreement_broken(self, agreement_id: str, note: str | None, actor: str) -> None:
        """Mark an open agreement as not kept."""
        actor = self._guard_open(actor)
        rules.open_agreement(self.agreements, agreement_id)
        self._agreement_broken(
            agreement_id=agreement_id, note=optional_text(note, "note"), actor=actor
        )

    @event("AgreementBroken")
    def _agreement_broken(self, agreement_id: str, note: str | None, actor: str) -> None:
        self.agreements[agreement_id].update(
            status=AgreementStatus.BROKEN.value, settled_by=actor, note=note
        )

    def _add_agreement(self, made: Record, source: str, actor: str) -> None:
        self.agreements[made["agreement_id"]] = {
            **made,
            "source": source,
            "status": AgreementStatus.OPEN.value,
            "made_by": actor,
            "settled_by": None,
            "note": None,
        }

    def _require_not_held(self) -> None:
        if self.move_in_conversation is not None and self.move_in_conversation["held_at"]:
            raise DomainError(
                "move_in_already_held", "The move-in conversation has already been held."
            )
