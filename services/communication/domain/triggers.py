"""What a rule works with: the trigger, the staff directory, and the effects it answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.communication.domain.case_facts import CaseFact
from services.communication.domain.model import (
    CaseView,
    Outgoing,
    Recipient,
    RelativeView,
)


@dataclass(frozen=True)
class Staff:
    """How staff are reached: the leader's mailbox and the tilbud's shared mailbox."""

    user_address: str = "{user}@staff.pkraft.local"
    tilbud_address: str = "tilbud-{tilbud_id}@staff.pkraft.local"

    def leader(self, view: CaseView) -> Recipient:
        if view.leader:
            return Recipient(
                "staff", view.leader, "email", self.user_address.format(user=view.leader)
            )
        return self.tilbud(view.tilbud_id)

    def tilbud(self, tilbud_id: str) -> Recipient:
        address = self.tilbud_address.format(tilbud_id=tilbud_id)
        return Recipient("staff", f"tilbud:{tilbud_id}", "email", address)

    def citizen(self, view: CaseView) -> Recipient:
        # The citizen's own contact data never reaches this service: the tilbud prints
        # or reads the (easy-read) letter to the citizen.
        address = self.tilbud_address.format(tilbud_id=view.tilbud_id)
        return Recipient("citizen", view.case_id, "email", address)


@dataclass(frozen=True)
class Timer:
    """Fire ``kind`` at ``due_at`` for the case, unless cancelled first."""

    timer_id: str
    kind: str
    due_at: datetime
    case_id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class CancelTimer:
    timer_id: str


Effect = Outgoing | Timer | CancelTimer


@dataclass(frozen=True)
class Trigger:
    """What a rule sees: the case fact, its event's ce_id, the case after it, and the
    staff directory."""

    event: CaseFact
    ce_id: str
    view: CaseView
    staff: Staff


Rule = Callable[[Trigger], list[Effect]]


def out(
    t: Trigger,
    rule: str,
    template: str,
    to: Recipient,
    scope: str | None,
    trigger_id: str | None = None,
    **context: Any,
) -> Outgoing:
    return Outgoing(
        rule=rule,
        trigger_id=trigger_id or t.ce_id,
        template=template,
        recipient=to,
        case_id=t.view.case_id,
        tilbud_id=t.view.tilbud_id,
        consent_scope=scope,
        context={"tilbud_id": t.view.tilbud_id, "easy_read": t.view.easy_read, **context},
    )


def consenting(view: CaseView, scope: str) -> list[RelativeView]:
    return [r for r in view.active_relatives() if scope in r.consents]
