"""Erasing a data subject: record ``SubjectErased`` on the aggregate that holds their data,
destroy the subject's data key, and drop the aggregate's snapshots (they held the clear
state; the events rebuild them with the erased values null). No event row is rewritten.

Each service gives its subject naming and how the event is recorded; API, CLI and
retention share the eraser."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from uuid import UUID

from shared.errors import DomainError
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.subjects import RecordErasure, SubjectNaming, require_known


def require_reason(naming: SubjectNaming, reason: object) -> str:
    """The reason's code (422 ``invalid_erasure_reason`` for any other)."""
    allowed = [member.value for member in naming.reasons]
    if isinstance(reason, str) and reason in allowed:
        return str(naming.reasons(reason).value)
    raise DomainError(
        "invalid_erasure_reason",
        f"'reason' must be one of {allowed}.",
        field="reason",
        value=reason,
    )


class SubjectEraser:
    """Erases the data subjects of one service."""

    def __init__(
        self,
        naming: SubjectNaming,
        keys: SubjectKeyStore,
        record: RecordErasure,
        forget_snapshots: Callable[[UUID], None],
    ) -> None:
        self.naming = naming
        self.keys = keys
        self.record = record
        self.forget_snapshots = forget_snapshots

    async def erase(self, subject_id: str, reason: str, actor: str) -> dict[str, Any]:
        """Erase the subject; asking again answers the first erasure (and finishes one a
        crash interrupted)."""
        aggregate = self.naming.aggregate_of(subject_id)
        reason = require_reason(self.naming, reason)
        await require_known(self.keys, subject_id)
        aggregate_id = UUID(aggregate)  # a subject with a key names a real aggregate
        version: int | None = None
        try:  # the event first: a crash before the key is gone leaves a retry to finish
            version = await self.record(aggregate_id, subject_id, reason, actor)
        except DomainError as exc:
            if exc.code != "subject_already_erased":
                raise
        erasure = await asyncio.to_thread(self.keys.erase, subject_id, actor, reason)
        await asyncio.to_thread(self.forget_snapshots, aggregate_id)
        return {
            "subject_id": subject_id,
            self.naming.aggregate_field: str(aggregate_id),
            "erased": True,
            "erased_at": erasure.erased_at,
            "erased_by": erasure.erased_by,
            "reason": erasure.reason,
            self.naming.version_field: version,
        }

    async def status(self, subject_id: str) -> dict[str, Any]:
        """Whether a subject is erased (and when); 404 for an unknown subject."""
        self.naming.aggregate_of(subject_id)
        await require_known(self.keys, subject_id)
        erasure = await asyncio.to_thread(self.keys.erasure, subject_id)
        if erasure is None:
            return {"subject_id": subject_id, "erased": False, "erased_at": None}
        return {
            "subject_id": subject_id,
            "erased": True,
            "erased_at": erasure.erased_at,
            "erased_by": erasure.erased_by,
            "reason": erasure.reason,
        }
