"""The ``FollowGroup`` aggregate (følgegruppe): follows the programme and selects the
participant-budget applications.

Who acts for the group: a current member (recognised by their user id, the token's
``sub``, being the member's ``person_ref``), or a leader acting for the group. Anyone
else is refused with 403 ``not_follow_group_member``, whatever roles they hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.councils.domain.enums import DecidedAs, FollowGroupRole
from services.councils.domain.validation import require_enum, require_known, require_text
from shared.errors import DomainError, ForbiddenError

NAMESPACE = UUID("7e1d2c3b-4a59-4f6e-8d7c-1b2a3f4e5d6c")
Record = dict[str, Any]


@dataclass(frozen=True)
class Decider:
    """Who decides for the follow group: a member (by member id) or a leader (no member id)."""

    actor: str
    member_id: str | None

    @property
    def decided_as(self) -> str:
        return (DecidedAs.MEMBER if self.member_id else DecidedAs.LEADER).value


def decider_for(group: FollowGroup | None, user_id: str, is_leader: bool) -> Decider:
    """The decider ``user_id`` is for the group (which may not be formed yet), or 403."""
    member = group.member_of(user_id) if group is not None else None
    if member is not None:
        return Decider(actor=user_id, member_id=member)
    if is_leader:
        return Decider(actor=user_id, member_id=None)
    raise ForbiddenError(
        "not_follow_group_member",
        "Only a current member of the follow group, or a leader acting for it, decides.",
    )


class FollowGroup(Aggregate):
    """The follow group as a body with members."""

    @staticmethod
    def create_id() -> UUID:
        """There is one follow group."""
        return uuid5(NAMESPACE, "follow-group")

    @classmethod
    def form(cls, *, name: str, actor: str) -> FollowGroup:
        return cls(name=require_text(name, "name"), actor=require_text(actor, "actor"))

    @event("Formed")
    def __init__(self, *, name: str, actor: str) -> None:
        self.name = name
        self.members: dict[str, Record] = {}

    def add_member(self, member_id: str, person_ref: str, role: str, actor: str) -> None:
        """Add a relative, staff member, leader or organisation representative."""
        member_id = require_text(member_id, "member_id")
        person_ref = require_text(person_ref, "person_ref")
        if member_id in self.members or any(
            m["person_ref"] == person_ref for m in self.members.values()
        ):
            raise DomainError("already_member", "The person is in the follow group already.")
        self._member_added(
            member_id=member_id,
            person_ref=person_ref,
            role=require_enum(FollowGroupRole, role, "invalid_role", "role"),
            actor=require_text(actor, "actor"),
        )

    @event("MemberAdded")
    def _member_added(self, member_id: str, person_ref: str, role: str, actor: str) -> None:
        self.members[member_id] = {"member_id": member_id, "person_ref": person_ref, "role": role}

    def remove_member(self, member_id: str, actor: str) -> None:
        require_known(member_id, self.members, "member")
        self._member_removed(member_id=member_id, actor=require_text(actor, "actor"))

    @event("MemberRemoved")
    def _member_removed(self, member_id: str, actor: str) -> None:
        del self.members[member_id]

    def member_of(self, person_ref: str) -> str | None:
        """The member id of the current member ``person_ref`` (None when not a member)."""
        return next(
            (m["member_id"] for m in self.members.values() if m["person_ref"] == person_ref), None
        )

    def decider(self, user_id: str, is_leader: bool) -> Decider:
        """``user_id`` acting for this group, as a member or as a leader (else 403)."""
        return decider_for(self, user_id, is_leader)

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "name": self.name,
            "members": list(self.members.values()),
        }
