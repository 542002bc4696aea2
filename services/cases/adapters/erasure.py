"""Erasing a data subject: record ``SubjectErased`` on the case, destroy the subject's
data key, and drop the case's snapshots (they held the clear state; the events rebuild
them with the erased fields null). No event row is written over."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.application import CaseCommands
from services.cases.domain.case_privacy import ErasureReason, parse_subject
from services.cases.domain.validation import require_enum
from shared.errors import DomainError, NotFoundError


@dataclass(frozen=True)
class ErasureOutcome:
    """What an erasure answers: ids, when, by whom and why; nothing personal."""

    subject_id: str
    case_id: UUID
    erased_at: str
    erased_by: str
    reason: str
    case_version: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject_id": self.subject_id,
            "case_id": str(self.case_id),
            "erased": True,
            "erased_at": self.erased_at,
            "erased_by": self.erased_by,
            "reason": self.reason,
            "case_version": self.case_version,
        }


class SubjectEraser:
    """Erases data subjects of the cases service (API and CLI share it)."""

    def __init__(self, app: PrivateCasesApplication, commands: CaseCommands) -> None:
        self.app = app
        self.commands = commands

    async def erase(self, subject_id: str, reason: str, actor: str) -> ErasureOutcome:
        _, case_text, _ = parse_subject(subject_id)
        reason = require_enum(ErasureReason, reason, "invalid_erasure_reason", "reason")
        if not await asyncio.to_thread(self.app.keys.exists, subject_id):
            raise NotFoundError("subject_not_found", "no data subject with that id")
        case_id = UUID(case_text)  # a subject with a key names a real case
        version: int | None = None
        try:  # the event first: a crash before the key is gone leaves a retry to finish
            outcome = await self.commands.change(
                "erase_subject",
                case_id,
                None,
                lambda c: c.erase_subject(subject_id=subject_id, reason=reason, actor=actor),
            )
            version = outcome.version
        except DomainError as exc:
            if exc.code != "subject_already_erased":
                raise
        erasure = await asyncio.to_thread(self.app.keys.erase, subject_id, actor, reason)
        await asyncio.to_thread(self.app.forget_snapshots, case_id)
        return ErasureOutcome(
            subject_id, case_id, erasure.erased_at, erasure.erased_by, erasure.reason, version
        )

    async def status(self, subject_id: str) -> dict[str, Any]:
        """Whether a subject is erased (and when); 404 for an unknown subject."""
        parse_subject(subject_id)
        if not await asyncio.to_thread(self.app.keys.exists, subject_id):
            raise NotFoundError("subject_not_found", "no data subject with that id")
        erasure = await asyncio.to_thread(self.app.keys.erasure, subject_id)
        if erasure is None:
            return {"subject_id": subject_id, "erased": False, "erased_at": None}
        return {
            "subject_id": subject_id,
            "erased": True,
            "erased_at": erasure.erased_at,
            "erased_by": erasure.erased_by,
            "reason": erasure.reason,
        }
