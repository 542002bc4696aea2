"""The data subjects of the councils service, and erasure on a council (issue 10).

A council names people: the candidates of its elections and its members, with the name
given at nomination or appointment (``name``), and its meetings' agendas and minutes,
free text that may be about anyone. Each person named in a council is one data subject,
``person:<council id>:<person_ref>`` (a relative id, or the user id or reference of an
appointed member); the free text of a council is one subject, ``text:<council id>``,
and the free text of a budget application ``text:<pool id>:<application id>``. Every
value of a subject is encrypted under its own key; erasing the subject destroys the key.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from shared.errors import DomainError

MAX_SUBJECT_ID = 300


class ErasureReason(StrEnum):
    """Why a subject is erased (a code: no free text about the person is stored)."""

    DATA_SUBJECT_REQUEST = "data_subject_request"
    RETENTION_EXPIRED = "retention_expired"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    UNLAWFUL_PROCESSING = "unlawful_processing"
    LEGAL_OBLIGATION = "legal_obligation"


def person_subject(council_id: UUID | str, person_ref: str) -> str:
    return f"person:{council_id}:{person_ref}"


def text_subject(aggregate_id: UUID | str, item: str | None = None) -> str:
    return f"text:{aggregate_id}" + (f":{item}" if item else "")


def parse_subject(subject_id: str) -> tuple[str, UUID, str | None]:
    """(kind, aggregate id, person_ref or item); 422 ``invalid_subject_id`` otherwise."""
    parts = subject_id.split(":", 2)
    if len(subject_id) <= MAX_SUBJECT_ID and len(parts) >= 2 and parts[0] in ("person", "text"):
        try:
            aggregate_id = UUID(parts[1])
        except ValueError:
            aggregate_id = None
        rest = parts[2] if len(parts) == 3 else None
        if aggregate_id is not None and (parts[0] == "text" or rest):
            return parts[0], aggregate_id, rest
    raise DomainError(
        "invalid_subject_id",
        "A councils subject id is person:<council id>:<person_ref>, text:<council id> "
        "or text:<pool id>:<application id>.",
    )


def erasure_marks(council: Any) -> dict[str, Any]:
    """Erased subjects of the council -> when (set by the store when it loads the council;
    the ``SubjectErased`` events name them too)."""
    marks: dict[str, Any] = {
        s: {"erased": True, "erased_at": None} for s in vars(council).get("erased", {})
    }
    for subject_id, erasure in vars(council).get("erased_subjects", {}).items():
        at = erasure.get("erased_at") if isinstance(erasure, dict) else erasure
        marks[subject_id] = {"erased": True, "erased_at": at}
    return marks


class ErasablePart:
    """``SubjectErased`` on an aggregate: who erased which subject and why (no personal
    data). Applying it drops the subject's values from the live state; a reload reads
    them as null, because the key is gone."""

    erased: dict[str, dict[str, Any]]

    def erase_subject(self, subject_id: str, reason: str, actor: str) -> None:
        if subject_id in vars(self).get("erased", {}):
            raise DomainError("subject_already_erased", "The subject is erased already.")
        self._subject_erased(subject_id=subject_id, reason=reason, actor=actor)

    @event("SubjectErased")
    def _subject_erased(self, subject_id: str, reason: str, actor: str) -> None:
        erased = vars(self).setdefault("erased", {})
        erased[subject_id] = {"reason": reason, "actor": actor}
        self.forget(subject_id)

    def forget(self, subject_id: str) -> None:
        """Drop the subject's values from the current state (overridden per aggregate)."""
