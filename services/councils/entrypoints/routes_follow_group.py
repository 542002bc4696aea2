"""The follow group (følgegruppe) as a body with members."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import APIRouter, Response

from services.councils.domain.follow_group import FollowGroup
from services.councils.entrypoints.deps import Commands, Decider, Leader, Reader, accepted, new_id
from services.councils.entrypoints.schemas import (
    CommandAccepted,
    FollowGroupCreate,
    FollowGroupMemberCreate,
    StatePublic,
)
from shared.errors import NotFoundError
from shared.http.openapi import error_responses

router = APIRouter(prefix="/follow-group", tags=["follow group"])
NOT_FORMED = error_responses(404)


@contextmanager
def _formed() -> Iterator[None]:
    """There is one follow group and no id in the path: its absence is said as such."""
    try:
        yield
    except NotFoundError as exc:
        if exc.code != "follow_group_not_found":
            raise
        raise NotFoundError(exc.code, "no follow group has been formed yet") from exc


@router.post("", status_code=201)
async def form_follow_group(
    body: FollowGroupCreate, commands: Commands, response: Response, user: Leader
) -> CommandAccepted:
    """Form the follow group (a leader does)."""
    outcome = await commands.create(
        "follow_group",
        FollowGroup.create_id(),
        lambda: FollowGroup.form(name=body.name, actor=user.sub),
    )
    return accepted(outcome, response)


@router.get("", responses=NOT_FORMED)
async def get_follow_group(commands: Commands, user: Reader) -> StatePublic:
    """The follow group and its members (404 before it is formed)."""
    with _formed():
        group = await commands.read(commands.app.follow_group)
    return StatePublic(**group.to_state())


@router.post("/members", status_code=201, responses=NOT_FORMED)
async def add_member(
    body: FollowGroupMemberCreate, commands: Commands, response: Response, user: Decider
) -> CommandAccepted:
    """Add a member (relative, staff, leader or organisation); by a member or a leader."""
    member_id = new_id(body.member_id)
    with _formed():
        outcome = await commands.add_follow_group_member(
            member_id, body.person_ref, body.role, user
        )
    return accepted(outcome, response)


@router.post("/members/{member_id}/remove")
async def remove_member(
    member_id: str, commands: Commands, response: Response, user: Decider
) -> CommandAccepted:
    """Remove a member; by a member or a leader."""
    with _formed():
        outcome = await commands.remove_follow_group_member(member_id, user)
    return accepted(outcome, response)
