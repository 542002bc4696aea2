"""Newsletters and satisfaction survey rounds, written by staff (role communications)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter

from services.communication.entrypoints.deps import Communications, Staff, run
from services.communication.entrypoints.schemas import (
    BroadcastPublic,
    NewsletterCreate,
    SurveyRoundCreate,
)

router = APIRouter(tags=["newsletters"])


@router.post("/newsletters", status_code=201)
async def send_newsletter(
    body: NewsletterCreate, user: Communications, staff: Staff
) -> BroadcastPublic:
    """Send a newsletter to the consenting relatives of one or more tilbud."""
    newsletter_id = body.newsletter_id or uuid.uuid4().hex
    count = await run(
        staff.send_newsletter,
        newsletter_id,
        sorted(set(body.tilbud_ids)),
        body.subject,
        body.body,
        user.sub,
    )
    return BroadcastPublic(id=newsletter_id, recipients=count)


@router.get("/newsletters")
async def list_newsletters(user: Communications, staff: Staff) -> list[dict[str, Any]]:
    """Newsletters sent so far (subject, tilbud, who and when)."""
    return await run(staff.newsletters)


@router.post("/survey-rounds", status_code=201)
async def start_survey_round(
    body: SurveyRoundCreate, user: Communications, staff: Staff
) -> BroadcastPublic:
    """Invite the tilbud's relatives to the satisfaction survey (every fourth year)."""
    count = await run(staff.start_survey_round, body.tilbud_id, body.year, user.sub)
    return BroadcastPublic(id=f"{body.tilbud_id}:{body.year}", recipients=count)
