"""The follow group (følgegruppe) as a body with members."""

from __future__ import annotations

from fastapi import APIRouter, Response

from services.councils.entrypoints.deps import Commands, Decider, Leader, Reader, accepted
from services.councils.entrypoints.schemas import (
    CommandAccepted,
    FollowGroupCreate,
    FollowGroupMemberCreate,
    StatePublic,
)
from shared.auth import Role
from shared.http.openapi import error_responses

router = APIRouter(prefix="/follow-group", tags=["follow group"])
NOT_FORMED = error_responses(404)


@router.post("", status_code=201)
async def form_follow_group(
    body: FollowGroupCreate, commands: Commands, response: Response, user: Leader
) -> CommandAccepted:
    """Form the follow group (a leader does)."""
    outcome = await commands.form_follow_group(name=body.name, actor=user.sub)
    return accepted(outcome, response)


@router.get("", responses=NOT_FORMED)
async def get_follow_group(commands: Commands, user: Reader) -> StatePublic:
    """The follow group and its members (404 before it is formed)."""
    group = await commands.read(commands.app.follow_group)
    return StatePublic(**group.to_state())


@router.post("/members", status_code=201, responses=NOT_FORMED)
async def add_member(
    body: FollowGroupMemberCreate, commands: Commands, response: Response, user: Decider
) -> CommandAccepted:
    """Add a member (relative, staff, leader or organisation); by a member or a leader."""
    outcome = await commands.add_follow_group_member(
        member_id=body.member_id,
        person_ref=body.person_ref,
        role=body.role,
        actor=user.sub,
        actor_is_leader=user.has_any(Role.LEADER),
    )
    return accepted(outcome, response)


@router.post("/members/{member_id}/remove")
async def remove_member(
    member_id: str, commands: Commands, response: Response, user: Decider
) -> CommandAccepted:
    """Remove a member; by a member or a leader."""
    outcome = await commands.remove_follow_group_member(
        member_id, actor=user.sub, actor_is_leader=user.has_any(Role.LEADER)
    )
    return accepted(outcome, response)
