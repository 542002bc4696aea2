"""Legal hold (part of ``CollaborationCase``): while a case is held, retention does not
erase its subjects. A leader sets and lifts it, with a reason code (no free text, so
nothing personal is stored with it); open and closed cases alike.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from eventsourcing.domain import event

from services.cases.domain.case_base import CaseBase, Record
from services.cases.domain.validation import require_enum, require_text
from shared.errors import ConflictError, ForbiddenError


class LegalHoldReason(StrEnum):
    """Why a case is held past its retention period."""

    LITIGATION = "litigation"  # a lawsuit, or one reasonably expected
    COMPLAINT_OR_APPEAL = "complaint_or_appeal"  # Ankestyrelsen, an appeal pending
    SUPERVISION = "supervision"  # Tilsyn, the Ombudsman, Styrelsen for Patientsikkerhed
    POLICE_INVESTIGATION = "police_investigation"
    ACCESS_REQUEST = "access_request"  # an access or insight request being answered


class LegalHoldLiftReason(StrEnum):
    """Why a hold ends."""

    RESOLVED = "resolved"  # the matter that needed the case is closed
    SET_IN_ERROR = "set_in_error"


def legal_hold(case: Any) -> Record | None:
    """The current hold (reason, set by, set at), or None."""
    hold: Record | None = vars(case).get("legal_hold")
    return hold


def _leader(actor: object, actor_is_leader: bool) -> str:
    if not actor_is_leader:
        raise ForbiddenError("leader_required", "Only a leader sets or lifts a legal hold.")
    return require_text(actor, "actor")


class LegalHoldPart(CaseBase):
    """The legal-hold commands and events."""

    def set_legal_hold(self, reason: str, actor: str, actor_is_leader: bool = False) -> None:
        """Put the case under a legal hold (409 if it already is)."""
        actor = _leader(actor, actor_is_leader)
        reason = require_enum(LegalHoldReason, reason, "invalid_legal_hold_reason", "reason")
        if legal_hold(self) is not None:
            raise ConflictError("legal_hold_already_set", "The case is already under a legal hold.")
        self._legal_hold_set(reason=reason, actor=actor)

    @event("LegalHoldSet")
    def _legal_hold_set(self, reason: str, actor: str, timestamp: datetime | None = None) -> None:
        vars(self)["legal_hold"] = {"reason": reason, "set_by": actor, "set_at": timestamp}

    def lift_legal_hold(self, reason: str, actor: str, actor_is_leader: bool = False) -> None:
        """End the legal hold (409 if there is none)."""
        actor = _leader(actor, actor_is_leader)
        reason = require_enum(LegalHoldLiftReason, reason, "invalid_legal_hold_reason", "reason")
        if legal_hold(self) is None:
            raise ConflictError("no_legal_hold", "The case is not under a legal hold.")
        self._legal_hold_lifted(reason=reason, actor=actor)

    @event("LegalHoldLifted")
    def _legal_hold_lifted(self, reason: str, actor: str) -> None:
        vars(self)["legal_hold"] = None
