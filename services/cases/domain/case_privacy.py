"""Erasure of a data subject (part of ``CollaborationCase``).

The personal data itself is erased by destroying the subject's key in the store; the
``SubjectErased`` event records that it happened (ids, who and a reason code, nothing
personal) and clears the subject's data from the aggregate's state, so a case kept in a
cache reads exactly as one rebuilt from the store: the erased values as None.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from services.cases.domain.case_base import CaseBase, Record
from services.cases.domain.enums import ComplainantKind
from services.cases.domain.validation import require_enum, require_text
from shared.errors import DomainError

CITIZEN = "citizen"
RELATIVE = "relative"


class ErasureReason(StrEnum):
    """Why a subject was erased (a code: the event and the key store hold no free text)."""

    DATA_SUBJECT_REQUEST = "data_subject_request"  # GDPR art. 17
    RETENTION_EXPIRED = "retention_expired"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    UNLAWFUL_PROCESSING = "unlawful_processing"
    LEGAL_OBLIGATION = "legal_obligation"


def citizen_subject(case_id: UUID | str) -> str:
    """The subject id of a case's citizen."""
    return f"{CITIZEN}:{case_id}"


def relative_subject(case_id: UUID | str, relative_id: str) -> str:
    """The subject id of one relative of a case."""
    return f"{RELATIVE}:{case_id}:{relative_id}"


def complainant_subject(case_id: UUID | str, complainant: str) -> str:
    """A complaint belongs to the relative who made it, else to the citizen."""
    if complainant in set(ComplainantKind):
        return citizen_subject(case_id)
    return relative_subject(case_id, complainant)


def parse_subject(subject_id: str) -> tuple[str, str, str | None]:
    """(kind, case id, relative id or None) of a subject id; DomainError if malformed."""
    kind, _, rest = subject_id.partition(":")
    case_id, _, relative_id = rest.partition(":")
    if kind == CITIZEN and case_id and not relative_id:
        return kind, case_id, None
    if kind == RELATIVE and case_id and relative_id:
        return kind, case_id, relative_id
    raise DomainError(
        "invalid_subject",
        "A subject id is citizen:<case id> or relative:<case id>:<relative id>.",
        field="subject_id",
    )


def erasures(case: Any) -> dict[str, Record]:
    """The subjects erased in ``case`` so far (subject id -> when, by whom, why)."""
    found: dict[str, Record] = vars(case).get("erased_subjects", {})
    return found


def erasure_marker(case: Any, subject_id: str) -> Record | None:
    """``{"erased": true, "erased_at": ...}`` when the subject was erased, else None."""
    found = erasures(case).get(subject_id)
    if found is None:
        return None
    erased_at = found.get("erased_at")
    if isinstance(erased_at, datetime):
        erased_at = erased_at.isoformat()
    return {"erased": True, "erased_at": erased_at}


class PrivacyPart(CaseBase):
    """The erasure command and event."""

    def erase_subject(self, subject_id: str, reason: str, actor: str) -> None:
        """Record that a subject's data was erased; allowed on a closed case too."""
        _, case_id, relative_id = parse_subject(subject_id)
        if case_id != str(getattr(self, "id", "")):
            raise DomainError("subject_not_in_case", "The subject is not part of this case.")
        if subject_id in erasures(self):
            raise DomainError("subject_already_erased", "The subject is already erased.")
        self._subject_erased(
            subject_id=subject_id,
            relative_id=relative_id,
            reason=require_enum(ErasureReason, reason, "invalid_erasure_reason", "reason"),
            actor=require_text(actor, "actor"),
        )

    @event("SubjectErased")
    def _subject_erased(
        self,
        subject_id: str,
        relative_id: str | None,
        reason: str,
        actor: str,
        timestamp: datetime | None = None,
    ) -> None:
        vars(self).setdefault("erased_subjects", {})[subject_id] = {
            "erased_at": timestamp,
            "erased_by": actor,
            "reason": reason,
        }
        if relative_id is None:
            _clear_citizen(self)
        else:
            _clear_relative(self, relative_id)


def _clear_relative(case: CaseBase, relative_id: str) -> None:
    relative = case.relatives.get(relative_id)
    if relative is not None:
        relative.update(name=None, relation=None)
        relative["channels"] = dict.fromkeys(relative["channels"])
    for complaint in case.complaints.values():
        if complaint["complainant"] == relative_id:
            complaint["summary"] = None


def _clear_citizen(case: CaseBase) -> None:
    case.cpr = None  # type: ignore[assignment]
    _clear(case.closure, "note")
    conversation = case.move_in_conversation
    if conversation is not None:
        conversation["location"] = None
        if conversation.get("item_notes"):
            conversation["item_notes"] = dict.fromkeys(conversation["item_notes"])
    for agreement in case.agreements.values():
        _clear(agreement, "topic", "responsible", "note")
    _clear(case.level_assessment, "justification")
    for assessment in case.level_history:
        _clear(assessment, "justification")
    plan = case.handling_plan
    if plan is not None:
        for action in plan["actions"]:
            _clear(action, "action", "owner")
        for review in plan["reviews"]:
            _clear(review, "notes")
    for incident in case.incidents.values():
        _clear(incident, "description")
    for complaint in case.complaints.values():
        _clear(complaint, "resolution")
        if complaint["complainant"] in set(ComplainantKind):
            complaint["summary"] = None
    for note in case.dialogue_notes.values():
        _clear(note, "summary")
        note["participants"] = [None for _ in note["participants"]]
    _clear(case.handover, "deliverables", "expectations")
    if case.handover is not None:
        case.handover["legal_differences"] = [None for _ in case.handover["legal_differences"]]
    for relation in case.network_relations.values():
        _clear(relation, "description")
    _clear(vars(case).get("contact_person"), "display_name")
    for previous in vars(case).get("contact_person_history") or []:
        _clear(previous, "display_name")


def _clear(record: Record | None, *keys: str) -> None:
    if record is not None:
        for key in keys:
            if key in record:
                record[key] = None
