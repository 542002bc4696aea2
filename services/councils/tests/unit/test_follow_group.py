"""The follow group as a body with members."""

from __future__ import annotations

from services.councils.domain.follow_group import FollowGroup
from services.councils.tests.builders import rejects


def test_members_join_once_with_a_known_role_and_can_leave() -> None:
    group = FollowGroup.form(name="Følgegruppen VJH", actor="leader-1")
    group.add_member("f1", "relative-9", "relative", "leader-1")
    rejects("already_member", group.add_member, "f2", "relative-9", "relative", "leader-1")
    rejects("invalid_role", group.add_member, "f3", "x", "mayor", "leader-1")
    group.remove_member("f1", "leader-1")
    rejects("member_not_found", group.remove_member, "f1", "leader-1")
    assert group.to_state()["members"] == []
