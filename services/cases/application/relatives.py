"""The citizen's relatives and the consent the citizen gives per relative and scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from services.cases.application.writer import CaseWriter, Outcome, new_id
from services.cases.domain.case import CollaborationCase


class RelativeCommands(CaseWriter):
    """Relatives: add, change, remove, link to a person; consents granted and withdrawn."""

    async def add_relative(
        self,
        case_id: UUID,
        *,
        relative_id: str | None = None,
        name: str,
        relation: str,
        legal_role: str = "none",
        channels: Mapping[str, str] | None = None,
        preferred_channel: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Add a relative on an open case, with no consents yet; answers the relative's id
        (a fresh one unless given). The preferred channel must be one of the channels."""
        rid = new_id(relative_id)

        def change(case: CollaborationCase) -> str:
            case.add_relative(
                rid, name, relation, legal_role, dict(channels or {}), preferred_channel, actor
            )
            return rid

        return await self._change("add_relative", case_id, expected_version, change)

    async def update_relative(
        self,
        case_id: UUID,
        relative_id: str,
        changes: Mapping[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Change the given fields of a relative (name, relation, legal role, channels,
        preferred channel); 422 ``relative_not_found`` for an unknown relative."""
        return await self._change(
            "update_relative",
            case_id,
            expected_version,
            lambda c: c.update_relative(relative_id=relative_id, actor=actor, **changes),
        )

    async def remove_relative(
        self,
        case_id: UUID,
        relative_id: str,
        *,
        reason: str | None = None,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Remove a relative; their consents go with them."""
        return await self._change(
            "remove_relative",
            case_id,
            expected_version,
            lambda c: c.remove_relative(relative_id, reason, actor),
        )

    async def link_relative_to_person(
        self,
        case_id: UUID,
        relative_id: str,
        *,
        person_id: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Link a relative entry to an opaque person id (one person, one vote in the
        councils); never a CPR number."""
        return await self._change(
            "link_relative_to_person",
            case_id,
            expected_version,
            lambda c: c.link_relative_to_person(relative_id, person_id, actor),
        )

    async def grant_consent(
        self,
        case_id: UUID,
        relative_id: str,
        *,
        scope: str,
        form: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record the citizen's consent (oral or written) for this relative and scope."""
        return await self._change(
            "grant_consent",
            case_id,
            expected_version,
            lambda c: c.grant_consent(relative_id, scope, form, actor),
        )

    async def withdraw_consent(
        self,
        case_id: UUID,
        relative_id: str,
        *,
        scope: str,
        form: str,
        actor: str,
        expected_version: int | None = None,
    ) -> Outcome:
        """Record that the citizen withdrew a consent; it takes effect at once."""
        return await self._change(
            "withdraw_consent",
            case_id,
            expected_version,
            lambda c: c.withdraw_consent(relative_id, scope, form, actor),
        )
