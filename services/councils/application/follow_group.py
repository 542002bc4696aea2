"""The follow group (følgegruppe) as a body with members."""

from __future__ import annotations

from services.councils.application.writer import CouncilWriter, Outcome, new_id
from services.councils.domain.follow_group import FollowGroup


class FollowGroupCommands(CouncilWriter):
    """There is one follow group: a leader forms it, a member or a leader keeps it."""

    async def form_follow_group(self, *, name: str, actor: str) -> Outcome:
        """Form the follow group, once (409 ``follow_group_exists``)."""
        return await self._create(
            "follow_group",
            FollowGroup.create_id(),
            lambda: FollowGroup.form(name=name, actor=actor),
        )

    async def add_follow_group_member(
        self,
        *,
        member_id: str | None = None,
        person_ref: str,
        role: str,
        actor: str,
        actor_is_leader: bool = False,
    ) -> Outcome:
        """A current member or a leader (else 403 ``not_follow_group_member``) adds a member
        to the formed group (404 ``follow_group_not_found`` before); answers the member id."""
        await self.read(self.app.follow_group)  # said as "not formed yet", not as an id
        mid = new_id(member_id)

        def change(group: FollowGroup) -> str:
            group.add_member(mid, person_ref, role, group.decider(actor, actor_is_leader).actor)
            return mid

        return await self._change(
            "follow_group", "add_member", FollowGroup.create_id(), None, change
        )

    async def remove_follow_group_member(
        self, member_id: str, *, actor: str, actor_is_leader: bool = False
    ) -> Outcome:
        """A current member or a leader removes a member."""
        await self.read(self.app.follow_group)

        def change(group: FollowGroup) -> None:
            group.remove_member(member_id, group.decider(actor, actor_is_leader).actor)

        return await self._change(
            "follow_group", "remove_member", FollowGroup.create_id(), None, change
        )
