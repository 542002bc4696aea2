"""The follow group as a body with members."""

from __future__ import annotations

from services.councils.domain.follow_group import Decider, FollowGroup, decider_for
from services.councils.tests.builders import rejects


def test_members_join_once_with_a_known_role_and_can_leave() -> None:
    group = FollowGroup.form(name="Følgegruppen VJH", actor="leader-1")
    group.add_member("f1", "relative-9", "relative", "leader-1")
    rejects("already_member", group.add_member, "f2", "relative-9", "relative", "leader-1")
    rejects("invalid_role", group.add_member, "f3", "x", "mayor", "leader-1")
    group.remove_member("f1", "leader-1")
    rejects("member_not_found", group.remove_member, "f1", "leader-1")
    assert group.to_state()["members"] == []


def test_decisions_come_from_a_current_member_or_a_leader_acting_for_the_group() -> None:
    group = FollowGroup.form(name="Følgegruppen VJH", actor="leader-1")
    group.add_member("f1", "fg-1", "relative", "leader-1")
    assert group.decider("fg-1", is_leader=False) == Decider(actor="fg-1", member_id="f1")
    as_leader = group.decider("leader-2", is_leader=True)
    assert (as_leader.member_id, as_leader.decided_as) == (None, "leader")
    e = rejects("not_follow_group_member", group.decider, "fg-2", is_leader=False)
    assert e.status == 403
    group.remove_member("f1", "leader-1")
    rejects("not_follow_group_member", group.decider, "fg-1", is_leader=False)
    # without a follow group only a leader acts for it
    assert decider_for(None, "leader-2", is_leader=True).decided_as == "leader"
    rejects("not_follow_group_member", decider_for, None, "fg-1", is_leader=False)
