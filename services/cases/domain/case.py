"""The ``CollaborationCase`` aggregate: one case per citizen and tilbud.

Public commands check every rule first and then trigger events through private
methods decorated with ``@event``; those only mutate state, so replaying stored
events never re-runs a guard. The contract is ``docs/dev/cases-domain.md``.

The class is assembled from parts (``case_relatives``, ``case_move_in``,
``case_staircase``, ``case_records``), each holding one area's commands and
``@event`` methods; ``AssembledFromParts`` puts the parts' event methods on the class, so
their events are ``CollaborationCase.<Name>`` like those defined in this body.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.cases.domain import case_view
from services.cases.domain.case_base import Record
from services.cases.domain.case_contact_person import ContactPersonPart
from services.cases.domain.case_involvement import InvolvementPart
from services.cases.domain.case_legal_hold import LegalHoldPart
from services.cases.domain.case_move_in import MoveInPart
from services.cases.domain.case_privacy import PrivacyPart
from services.cases.domain.case_records import RecordsPart
from services.cases.domain.case_relatives import RelativesPart
from services.cases.domain.case_staircase import StaircasePart
from services.cases.domain.cpr import validate_cpr
from services.cases.domain.enums import CaseStatus, CloseReason, Setting
from services.cases.domain.validation import (
    optional_iso_date,
    optional_text,
    require_enum,
    require_text,
)
from shared.aggregate_parts import AssembledFromParts
from shared.errors import DomainError

NAMESPACE = UUID("c0660815-02c3-4419-8178-7a64e09c33fe")
"""Namespace of the deterministic case ids; never change it (ids are stored)."""

PARTS: tuple[type, ...] = (
    RelativesPart,
    MoveInPart,
    StaircasePart,
    RecordsPart,
    PrivacyPart,
    LegalHoldPart,
    ContactPersonPart,
    InvolvementPart,
)


class CollaborationCase(
    Aggregate,
    RelativesPart,
    MoveInPart,
    StaircasePart,
    RecordsPart,
    PrivacyPart,
    LegalHoldPart,
    ContactPersonPart,
    InvolvementPart,
    metaclass=AssembledFromParts,
):
    """The event-sourced record of the collaboration around one citizen and tilbud.

    State attributes (declared in ``CaseBase``) are public for reading; change
    them only through the commands.
    """

    @staticmethod
    def create_id(citizen_ref: str, tilbud_id: str) -> UUID:
        """Deterministic id, so there is at most one case per citizen and tilbud."""
        return uuid5(NAMESPACE, f"{citizen_ref}|{tilbud_id}")

    @classmethod
    def open(
        cls,
        *,
        cpr: str,
        citizen_ref: str,
        tilbud_id: str,
        setting: str,
        planned_move_in: str | None,
        actor: str,
    ) -> CollaborationCase:
        """Validate the facts and open a new case (event ``Opened``)."""
        return cls(
            cpr=validate_cpr(cpr),
            citizen_ref=require_text(citizen_ref, "citizen_ref"),
            tilbud_id=require_text(tilbud_id, "tilbud_id"),
            setting=require_enum(Setting, setting, "invalid_setting", "setting"),
            planned_move_in=optional_iso_date(planned_move_in, "planned_move_in"),
            actor=require_text(actor, "actor"),
        )

    @event("Opened")
    def __init__(
        self,
        *,
        cpr: str,
        citizen_ref: str,
        tilbud_id: str,
        setting: str,
        planned_move_in: str | None,
        actor: str,
    ) -> None:
        self.cpr = cpr
        self.citizen_ref = citizen_ref
        self.tilbud_id = tilbud_id
        self.setting = setting
        self.planned_move_in = planned_move_in
        self.opened_by = actor
        self.status = CaseStatus.OPEN.value
        self.closure = None
        self.level = None
        self.level_assessment = None
        self.level_history = []
        self.leader = None
        self.leader_required = False
        self.handling_plan = None
        self.relatives = {}
        self.move_in_conversation = None
        self.agreements = {}
        self.incidents = {}
        self.complaints = {}
        self.dialogue_notes = {}
        self.handover = None
        self.network_relations = {}

    def __repr__(self) -> str:
        # The default repr lists every attribute, the CPR number included.
        return f"CollaborationCase(id={self.id!s}, version={self.version})"

    def close(self, reason: str, note: str | None, actor: str) -> None:
        """Close the case; reason ``other`` needs a note."""
        actor = self._guard_open(actor)
        reason = require_enum(CloseReason, reason, "invalid_close_reason", "reason")
        if reason == CloseReason.OTHER:
            require_text(note, "note")
        self._closed(reason=reason, note=optional_text(note, "note"), actor=actor)

    @event("Closed")
    def _closed(
        self, reason: str, note: str | None, actor: str, timestamp: datetime | None = None
    ) -> None:
        self.status = CaseStatus.CLOSED.value
        self.closure = {
            "reason": reason,
            "note": note,
            "closed_by": actor,
            "closed_at": timestamp,
        }

    def reopen(self, reason: str, actor: str) -> None:
        """Reopen a closed case."""
        if self.status != CaseStatus.CLOSED:
            raise DomainError("case_not_closed", "Only a closed case can be reopened.")
        reason = require_text(reason, "reason")
        self._reopened(reason=reason, actor=require_text(actor, "actor"))

    @event("Reopened")
    def _reopened(self, reason: str, actor: str) -> None:
        self.status = CaseStatus.OPEN.value
        self.closure = None

    def overdue_complaints(self, now: datetime) -> list[Record]:
        """Complaints without first contact whose 24-hour deadline has passed."""
        return case_view.overdue_complaints(self, now)

    def to_state(self, now: datetime) -> dict[str, Any]:
        """The whole current state as a JSON-serialisable dict (no CPR number)."""
        return case_view.case_state(self, now)
