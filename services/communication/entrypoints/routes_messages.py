"""The message log and preferences, per case and per relative."""

from __future__ import annotations

from fastapi import APIRouter

from services.communication.domain.model import Preferences
from services.communication.entrypoints.deps import CaseStaff, LogReader, Staff, run
from services.communication.entrypoints.schemas import (
    EasyReadBody,
    MessagePublic,
    PreferencesBody,
)

router = APIRouter(tags=["messages"])


@router.get("/cases/{case_id}/messages")
async def case_messages(case_id: str, user: LogReader, staff: Staff) -> list[MessagePublic]:
    """Every message about the case: what, to whom, when, which channel, and its state."""
    return [MessagePublic.of(m) for m in await run(staff.message_log, case_id)]


@router.get("/cases/{case_id}/relatives/{relative_id}/messages")
async def relative_messages(
    case_id: str, relative_id: str, user: LogReader, staff: Staff
) -> list[MessagePublic]:
    """Every message to one relative of the case."""
    return [MessagePublic.of(m) for m in await run(staff.message_log, case_id, relative_id)]


@router.get("/messages/{message_id}")
async def get_message(message_id: str, user: LogReader, staff: Staff) -> MessagePublic:
    """One message and its delivery state."""
    return MessagePublic.of(await run(staff.message, message_id))


@router.get("/cases/{case_id}/relatives/{relative_id}/preferences")
async def get_preferences(
    case_id: str, relative_id: str, user: CaseStaff, staff: Staff
) -> PreferencesBody:
    """The relative's channel, opt-outs and interests."""
    p = await run(staff.preferences, case_id, relative_id)
    return PreferencesBody(**vars(p))


@router.put("/cases/{case_id}/relatives/{relative_id}/preferences")
async def put_preferences(
    case_id: str, relative_id: str, body: PreferencesBody, user: CaseStaff, staff: Staff
) -> PreferencesBody:
    """Set the relative's preferred channel, opt-outs by message kind and interests."""
    prefs = Preferences(
        body.preferred_channel, sorted(set(body.opt_out_kinds)), sorted(set(body.interests))
    )
    await run(staff.set_preferences, case_id, relative_id, prefs)
    return body


@router.put("/cases/{case_id}/easy-read", status_code=204)
async def put_easy_read(case_id: str, body: EasyReadBody, user: CaseStaff, staff: Staff) -> None:
    """Letters to this citizen use the easy-read variant (functional level calls for it)."""
    await run(staff.set_easy_read, case_id, body.easy_read)
