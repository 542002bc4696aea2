"""Messages to many relatives at once: newsletters, survey rounds, theme evenings, councils.

Every broadcast reaches only relatives whose citizen consented to messages and who did not
opt out of that kind, one message per relative of a case. (Addresses are not known here,
so a person who is a relative on two cases gets one copy per case.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from services.communication.domain.model import (
    SEND_MESSAGES,
    CaseView,
    Outgoing,
    RelativeView,
    to_relative,
)
from services.communication.domain.triggers import Staff


@dataclass(frozen=True)
class Broadcast:
    """One staff action or tilbud-wide event to send to an audience."""

    rule: str
    trigger_id: str
    template: str
    context: dict[str, Any]
    interest: str | None = None
    only_relative_ids: frozenset[str] | None = None


def _wants(relative: RelativeView, b: Broadcast) -> bool:
    if relative.may_receive(SEND_MESSAGES, b.template) is not None:
        return False
    if b.only_relative_ids is not None and relative.relative_id not in b.only_relative_ids:
        return False
    if b.interest is None:
        return True
    interests = relative.preferences.interests
    return b.interest in interests or "all" in interests


def audience(views: Iterable[CaseView], b: Broadcast) -> list[Outgoing]:
    """The messages of ``b``: one per consenting, interested relative."""
    seen: set[tuple[str, str]] = set()
    out: list[Outgoing] = []
    for view in views:
        if view.closed:
            continue
        for relative in view.active_relatives():
            recipient = to_relative(relative)
            if not _wants(relative, b) or (view.case_id, recipient.id) in seen:
                continue
            seen.add((view.case_id, recipient.id))
            out.append(
                Outgoing(
                    rule=b.rule,
                    trigger_id=b.trigger_id,
                    template=b.template,
                    recipient=recipient,
                    case_id=view.case_id,
                    tilbud_id=view.tilbud_id,
                    consent_scope=SEND_MESSAGES,
                    context={
                        **b.context,
                        "tilbud_id": view.tilbud_id,
                        "easy_read": view.easy_read,
                    },
                )
            )
    return out


# Council events (``pkraft.councils.v1``), by event name. The payload is read as a plain
# dict of the few fields used (tilbud_id, council_id, held_on, meeting_id), so a new
# optional field in the councils contracts never breaks these rules.
def election_called(data: dict[str, Any], ce_id: str) -> Broadcast:
    """Council election called: notice to the electorate (the tilbud's relatives)."""
    electorate = data.get("electorate_relative_ids")
    return Broadcast(
        rule="council_election_notice",
        trigger_id=ce_id,
        template="council_election",
        context={
            "council_id": data.get("council_id", ""),
            "election_at": data.get("held_on") or data.get("election_at"),
        },
        only_relative_ids=frozenset(electorate) if isinstance(electorate, list) else None,
    )


def minutes_published(data: dict[str, Any], ce_id: str) -> Broadcast:
    """Council minutes published: to the tilbud's relatives."""
    return Broadcast(
        rule="council_minutes",
        trigger_id=ce_id,
        template="council_minutes",
        context={"council_id": data.get("council_id", ""), "meeting_id": data.get("meeting_id")},
    )


def code_of_conduct_adopted(data: dict[str, Any], ce_id: str) -> Broadcast:
    """A new version of the code of conduct (kodeks): to every relative with consent, to
    read and acknowledge (an acknowledgement names its version, so a new one asks again)."""
    return Broadcast(
        rule="code_of_conduct",
        trigger_id=ce_id,
        template="code_of_conduct",
        context={
            "version_number": data.get("version_number"),
            "adopted_on": data.get("adopted_on"),
            "for_staff": False,
        },
    )


COUNCIL_RULES: dict[str, Callable[[dict[str, Any], str], Broadcast]] = {
    "election_scheduled": election_called,
    "minutes_recorded": minutes_published,
    "code_of_conduct_adopted": code_of_conduct_adopted,
}

# Council events for the whole programme: every tilbud's relatives, and a copy to each
# tilbud's shared staff mailbox (staff acknowledge the kodeks too).
PROGRAMME_WIDE = frozenset({"code_of_conduct_adopted"})


def to_tilbud_mailboxes(b: Broadcast, tilbud_ids: Iterable[str], staff: Staff) -> list[Outgoing]:
    """One copy of ``b`` to each tilbud's shared staff mailbox (no consent: staff)."""
    return [
        Outgoing(
            rule=b.rule,
            trigger_id=b.trigger_id,
            template=b.template,
            recipient=staff.tilbud(tilbud_id),
            case_id=None,
            tilbud_id=tilbud_id,
            consent_scope=None,
            context={**b.context, "tilbud_id": tilbud_id, "easy_read": False, "for_staff": True},
        )
        for tilbud_id in tilbud_ids
    ]


def council_tilbud_ids(data: dict[str, Any], name: str = "") -> list[str] | None:
    """The tilbud a council event concerns (``tilbud_id`` or ``tilbud_ids``); None for a
    programme-wide event (every tilbud)."""
    if name in PROGRAMME_WIDE:
        return None
    if isinstance(data.get("tilbud_ids"), list):
        return [str(t) for t in data["tilbud_ids"]]
    return [str(data["tilbud_id"])] if data.get("tilbud_id") else []
