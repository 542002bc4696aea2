"""Legal hold and erasure: what retention may erase, and recording an erasure."""

from __future__ import annotations

from uuid import UUID

from services.cases.application.writer import CaseWriter, Outcome


class PrivacyCommands(CaseWriter):
    """A leader's legal hold, and the erasure event of a data subject."""

    async def set_legal_hold(
        self,
        case_id: UUID,
        *,
        reason: str,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """Put the case under a legal hold, so retention leaves its subjects alone: by a
        leader (403 ``leader_required``), with a reason code, once (409 while held)."""
        return await self._change(
            "set_legal_hold",
            case_id,
            expected_version,
            lambda c: c.set_legal_hold(reason, actor, actor_is_leader),
        )

    async def lift_legal_hold(
        self,
        case_id: UUID,
        *,
        reason: str,
        actor: str,
        actor_is_leader: bool = False,
        expected_version: int | None = None,
    ) -> Outcome:
        """Lift the legal hold: by a leader, with a reason code (409 when there is none)."""
        return await self._change(
            "lift_legal_hold",
            case_id,
            expected_version,
            lambda c: c.lift_legal_hold(reason, actor, actor_is_leader),
        )

    async def erase_subject(
        self, case_id: UUID, *, subject_id: str, reason: str, actor: str
    ) -> Outcome:
        """Record that a subject of this case was erased (also on a closed case; 422
        ``subject_already_erased`` the second time). The key is destroyed by the caller."""
        return await self._change(
            "erase_subject",
            case_id,
            None,
            lambda c: c.erase_subject(subject_id, reason, actor),
        )
