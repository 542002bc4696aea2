"""Relatives and the citizen's consents (part of ``CollaborationCase``)."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from services.cases.domain import case_rules as rules
from services.cases.domain.case_base import CaseBase, Record
from services.cases.domain.enums import ConsentForm, ConsentScope
from services.cases.domain.validation import optional_text, require_enum, require_known
from shared.errors import DomainError


class RelativesPart(CaseBase):
    """Commands and events about relatives and consent."""

    def add_relative(
        self,
        relative_id: str,
        name: str,
        relation: str,
        legal_role: str,
        channels: dict[str, str],
        preferred_channel: str | None,
        actor: str,
    ) -> None:
        """Add a relative with contact channels (and no consents yet)."""
        actor = self._guard_open(actor)
        args = rules.new_relative(
            self.relatives, relative_id, name, relation, legal_role, channels, preferred_channel
        )
        self._relative_added(**args, actor=actor)

    @event("RelativeAdded")
    def _relative_added(
        self,
        relative_id: str,
        name: str,
        relation: str,
        legal_role: str,
        channels: dict[str, str],
        preferred_channel: str | None,
        actor: str,
    ) -> None:
        self.relatives[relative_id] = {
            "relative_id": relative_id,
            "name": name,
            "relation": relation,
            "legal_role": legal_role,
            "channels": dict(channels),
            "preferred_channel": preferred_channel,
            "consents": {},
        }

    def update_relative(self, relative_id: str, actor: str, **changes: Any) -> None:
        """Change any of name, relation, legal_role, channels, preferred_channel."""
        actor = self._guard_open(actor)
        require_known(relative_id, self.relatives, "unknown_relative", "relative")
        clean = rules.relative_changes(self.relatives[relative_id], changes)
        self._relative_updated(relative_id=relative_id, changes=clean, actor=actor)

    @event("RelativeUpdated")
    def _relative_updated(self, relative_id: str, changes: Record, actor: str) -> None:
        self.relatives[relative_id].update(copy.deepcopy(changes))

    def remove_relative(self, relative_id: str, reason: str | None, actor: str) -> None:
        """Remove a relative; their consents go with them."""
        actor = self._guard_open(actor)
        require_known(relative_id, self.relatives, "unknown_relative", "relative")
        reason = optional_text(reason, "reason")
        self._relative_removed(relative_id=relative_id, reason=reason, actor=actor)

    @event("RelativeRemoved")
    def _relative_removed(self, relative_id: str, reason: str | None, actor: str) -> None:
        del self.relatives[relative_id]
        self._uninvite(relative_id)

    def link_relative_to_person(self, relative_id: str, person_id: str, actor: str) -> None:
        """Link this relative entry to a person (an opaque UUID, no CPR), so that a
        relative of two citizens (a parent of two residents) is one person in councils."""
        actor = self._guard_open(actor)
        require_known(relative_id, self.relatives, "unknown_relative", "relative")
        try:
            person_id = str(UUID(str(person_id)))
        except ValueError:
            raise DomainError(
                "invalid_person_id", "person_id must be a UUID.", field="person_id"
            ) from None
        if self.relatives[relative_id].get("person_id") == person_id:
            raise DomainError(
                "relative_already_linked",
                "The relative is linked to this person already.",
                relative_id=relative_id,
            )
        self._relative_linked_to_person(relative_id=relative_id, person_id=person_id, actor=actor)

    @event("RelativeLinkedToPerson")
    def _relative_linked_to_person(self, relative_id: str, person_id: str, actor: str) -> None:
        self.relatives[relative_id]["person_id"] = person_id

    def grant_consent(self, relative_id: str, scope: str, form: str, actor: str) -> None:
        """Record the citizen's consent for one relative and scope."""
        actor = self._guard_open(actor)
        scope, form = self._consent_args(relative_id, scope, form)
        if self.has_consent(relative_id, scope):
            raise DomainError(
                "consent_already_granted",
                "The relative already holds this consent.",
                relative_id=relative_id,
                scope=scope,
            )
        self._consent_granted(relative_id=relative_id, scope=scope, form=form, actor=actor)

    @event("ConsentGranted")
    def _consent_granted(
        self,
        relative_id: str,
        scope: str,
        form: str,
        actor: str,
        timestamp: datetime | None = None,
    ) -> None:
        self.relatives[relative_id]["consents"][scope] = {
            "scope": scope,
            "form": form,
            "granted_by": actor,
            "granted_at": timestamp,
        }

    def withdraw_consent(self, relative_id: str, scope: str, form: str, actor: str) -> None:
        """Withdraw a consent; it takes effect at once."""
        actor = self._guard_open(actor)
        scope, form = self._consent_args(relative_id, scope, form)
        if not self.has_consent(relative_id, scope):
            raise DomainError(
                "consent_not_granted",
                "The relative does not hold this consent.",
                relative_id=relative_id,
                scope=scope,
            )
        self._consent_withdrawn(relative_id=relative_id, scope=scope, form=form, actor=actor)

    @event("ConsentWithdrawn")
    def _consent_withdrawn(self, relative_id: str, scope: str, form: str, actor: str) -> None:
        del self.relatives[relative_id]["consents"][scope]
        if scope == ConsentScope.INVITE_TO_MEETINGS:
            self._uninvite(relative_id)

    def _consent_args(self, relative_id: str, scope: str, form: str) -> tuple[str, str]:
        require_known(relative_id, self.relatives, "unknown_relative", "relative")
        scope = require_enum(ConsentScope, scope, "invalid_consent_scope", "scope")
        return scope, require_enum(ConsentForm, form, "invalid_consent_form", "form")

    def _uninvite(self, relative_id: str) -> None:
        # Withdrawal takes effect at once, so a pending invitation lapses with it.
        conversation = self.move_in_conversation
        if conversation is not None and conversation["held_at"] is None:
            invitees = conversation["invitee_relative_ids"]
            conversation["invitee_relative_ids"] = [r for r in invitees if r != relative_id]
