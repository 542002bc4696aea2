"""The messages a theme evening sends: its announcement and the registrants' updates."""

from __future__ import annotations

from typing import Any

from services.communication.application.ports import StoreTx
from services.communication.domain.audience import Broadcast, audience
from services.communication.domain.model import Outgoing, Recipient
from services.communication.domain.theme_evening import Registration, ThemeEvening


def context(evening: ThemeEvening) -> dict[str, Any]:
    return {
        "title": evening.title,
        "topic": evening.topic,
        "starts_at": evening.starts_at,
        "location": evening.location,
        "organiser": evening.organiser,
        "organiser_name": evening.organiser_name,
    }


ANNOUNCEMENT = "theme_evening_announcement"
CANCELLATION = "registration:cancelled"  # a sign-up cancelled: its registrant is told
CONFIRMS_CANCELLATION = f"theme_evening_{CANCELLATION}"  # the rule of that message


def trigger(evening_id: str) -> str:
    return f"evening:{evening_id}"


def announcement(tx: StoreTx, evening: ThemeEvening) -> list[Outgoing]:
    """To every consenting relative who opted in to the evening's topic."""
    b = Broadcast(
        ANNOUNCEMENT,
        trigger(evening.evening_id),
        "theme_evening",
        context(evening),
        interest=evening.topic,
    )
    return audience(tx.cases_of(None), b)


def tell(evening: ThemeEvening, regs: list[Registration], what: str) -> list[Outgoing]:
    """To the registrants: they gave their address for this evening, no consent applies."""
    return [
        Outgoing(
            rule=f"theme_evening_{what}",
            trigger_id=trigger(evening.evening_id),
            template="theme_evening_update",
            recipient=Recipient("registrant", r.registration_id, "email", r.email),
            case_id=None,
            tilbud_id=None,
            consent_scope=None,
            context={**context(evening), "name": r.name, "what": what, "easy_read": False},
        )
        for r in regs
    ]
