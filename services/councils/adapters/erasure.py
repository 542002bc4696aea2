"""Erasing a councils data subject: record ``SubjectErased`` on the council (or pool),
destroy the subject's data key, and drop the aggregate's snapshots (they held the clear
state; the events rebuild them with the erased values null). No event row is rewritten."""

from __future__ import annotations

import asyncio
from typing import Any

from services.councils.adapters.private_store import PrivateCouncilsApplication
from services.councils.application import CouncilCommands
from services.councils.domain.council_privacy import ErasureReason, parse_subject
from services.councils.domain.validation import require_enum
from shared.errors import DomainError, NotFoundError


class SubjectEraser:
    """Erases data subjects of the councils service (API and CLI share it)."""

    def __init__(self, app: PrivateCouncilsApplication, commands: CouncilCommands) -> None:
        self.app = app
        self.commands = commands

    async def erase(self, subject_id: str, reason: str, actor: str) -> dict[str, Any]:
        kind, aggregate_id, item = parse_subject(subject_id)
        reason = require_enum(ErasureReason, reason, "invalid_erasure_reason", "reason")
        if not await asyncio.to_thread(self.app.keys.exists, subject_id):
            raise NotFoundError("subject_not_found", "no data subject with that id")
        what = "pool" if kind == "text" and item else "council"
        version: int | None = None
        try:  # the event first: a crash before the key is gone leaves a retry to finish
            outcome = await self.commands.change(
                what,
                "erase_subject",
                aggregate_id,
                None,
                lambda a: a.erase_subject(subject_id=subject_id, reason=reason, actor=actor),
            )
            version = outcome.version
        except DomainError as exc:
            if exc.code != "subject_already_erased":
                raise
        erasure = await asyncio.to_thread(self.app.keys.erase, subject_id, actor, reason)
        await asyncio.to_thread(self.app.forget_snapshots, aggregate_id)
        return {
            "subject_id": subject_id,
            "aggregate_id": str(aggregate_id),
            "erased": True,
            "erased_at": erasure.erased_at,
            "erased_by": erasure.erased_by,
            "reason": erasure.reason,
            "version": version,
        }

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
