"""Rules from case events: one small named function per rule, listed in ``CASE_RULES``.

A rule gets the event and the case view *after* the event and answers what to send
(``Outgoing``) and which timers to set or cancel. It never sends: the message id is
derived from (rule, trigger, recipient), so running a rule twice queues nothing new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from services.communication.domain.model import (
    INVITE_TO_MEETINGS,
    SEND_MESSAGES,
    CaseView,
    Outgoing,
    Recipient,
    RelativeView,
    to_relative,
)
from shared.contracts import cases as wire

COMPLAINT_REMINDER_BEFORE = timedelta(hours=2)


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
    """What a rule sees: the event, its ce_id, the case after it, and the staff directory."""

    event: wire.CaseEvent
    ce_id: str
    view: CaseView
    staff: Staff


Rule = Callable[[Trigger], list[Effect]]


def _out(
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


def _consenting(view: CaseView, scope: str) -> list[RelativeView]:
    return [r for r in view.active_relatives() if scope in r.consents]


def welcome_on_case_opened(t: Trigger) -> list[Effect]:
    """Case opened with a planned move-in: the welcome brochure to consenting relatives."""
    if not isinstance(t.event, wire.CaseOpened) or t.event.planned_move_in is None:
        return []
    return [
        _out(
            t,
            "welcome",
            "welcome",
            to_relative(r),
            SEND_MESSAGES,
            name=r.display_name,
            planned_move_in=t.view.planned_move_in,
        )
        for r in _consenting(t.view, SEND_MESSAGES)
    ]


def welcome_on_consent(t: Trigger) -> list[Effect]:
    """Consent to messages granted before the move-in: that relative gets the welcome.

    Same rule name and trigger (the case opening) as above, so one welcome per relative.
    """
    e = t.event
    if not isinstance(e, wire.ConsentGranted) or e.scope != SEND_MESSAGES:
        return []
    v = t.view
    if not v.planned_move_in or not v.opened_ce_id or v.closed:
        return []
    if v.planned_move_in < e.occurred_at.date().isoformat():
        return []
    relative = v.relatives.get(e.relative_id)
    if relative is None or relative.removed:
        return []
    return [
        _out(
            t,
            "welcome",
            "welcome",
            to_relative(relative),
            SEND_MESSAGES,
            trigger_id=v.opened_ce_id,
            name=relative.display_name,
            planned_move_in=v.planned_move_in,
        )
    ]


def move_in_invitation(t: Trigger) -> list[Effect]:
    """Move-in conversation scheduled: invite the citizen and relatives with consent."""
    e = t.event
    if not isinstance(e, wire.MoveInConversationScheduled):
        return []
    when = e.conversation_at.isoformat()
    effects: list[Effect] = []
    if e.citizen_invited:
        effects.append(
            _out(
                t,
                "move_in_invitation",
                "move_in_invitation_citizen",
                t.staff.citizen(t.view),
                None,
                conversation_at=when,
            )
        )
    invited = set(e.invitee_relative_ids)
    for r in _consenting(t.view, INVITE_TO_MEETINGS):
        if r.relative_id in invited:
            effects.append(
                _out(
                    t,
                    "move_in_invitation",
                    "move_in_invitation",
                    to_relative(r),
                    INVITE_TO_MEETINGS,
                    name=r.display_name,
                    conversation_at=when,
                )
            )
    return effects


def leader_alert_on_level(t: Trigger) -> list[Effect]:
    """Level 3 or 4 on the staircase: alert the responsible leader."""
    e = t.event
    if not isinstance(e, wire.LevelAssessed) or e.level < 3:
        return []
    return [
        _out(
            t,
            "leader_alert_level",
            "leader_alert",
            t.staff.leader(t.view),
            None,
            reason="level",
            level=e.level,
            case_id=t.view.case_id,
        )
    ]


def leader_alert_on_incident(t: Trigger) -> list[Effect]:
    """An incident (threat, violence, ...): alert the responsible leader."""
    e = t.event
    if not isinstance(e, wire.IncidentReported):
        return []
    return [
        _out(
            t,
            "leader_alert_incident",
            "leader_alert",
            t.staff.leader(t.view),
            None,
            reason="incident",
            incident_kind=e.kind,
            case_id=t.view.case_id,
        )
    ]


def complaint_acknowledgement(t: Trigger) -> list[Effect]:
    """Complaint received: acknowledge it to the complainant (relative or citizen)."""
    e = t.event
    if not isinstance(e, wire.ComplaintReceived):
        return []
    common = {"deadline": e.first_contact_deadline.isoformat()}
    if e.complainant == "citizen":
        return [
            _out(
                t,
                "complaint_ack",
                "complaint_acknowledgement",
                t.staff.citizen(t.view),
                None,
                **common,
            )
        ]
    relative = t.view.relatives.get(e.complainant)
    if relative is None or relative.removed or SEND_MESSAGES not in relative.consents:
        return []
    return [
        _out(
            t,
            "complaint_ack",
            "complaint_acknowledgement",
            to_relative(relative),
            SEND_MESSAGES,
            name=relative.display_name,
            **common,
        )
    ]


def complaint_reminder_timer(t: Trigger) -> list[Effect]:
    """Complaint received: remind staff 2 hours before the 24-hour first-contact deadline."""
    e = t.event
    if not isinstance(e, wire.ComplaintReceived):
        return []
    return [
        Timer(
            f"complaint:{t.view.case_id}:{e.complaint_id}",
            "complaint_reminder",
            e.first_contact_deadline - COMPLAINT_REMINDER_BEFORE,
            t.view.case_id,
            {"trigger_id": t.ce_id, "deadline": e.first_contact_deadline.isoformat()},
        )
    ]


def complaint_contacted(t: Trigger) -> list[Effect]:
    """First contact recorded: the reminder is no longer needed."""
    e = t.event
    if not isinstance(e, wire.ComplaintFirstContactRecorded):
        return []
    return [CancelTimer(f"complaint:{t.view.case_id}:{e.complaint_id}")]


CASE_RULES: list[Rule] = [
    welcome_on_case_opened,
    welcome_on_consent,
    move_in_invitation,
    leader_alert_on_level,
    leader_alert_on_incident,
    complaint_acknowledgement,
    complaint_reminder_timer,
    complaint_contacted,
]


def complaint_reminder(timer: Timer, view: CaseView, staff: Staff) -> list[Outgoing]:
    """The timer fired without a first contact: remind the leader (or the tilbud)."""
    return [
        Outgoing(
            rule="complaint_reminder",
            trigger_id=str(timer.payload["trigger_id"]),
            template="complaint_reminder",
            recipient=staff.leader(view),
            case_id=view.case_id,
            tilbud_id=view.tilbud_id,
            consent_scope=None,
            context={
                "case_id": view.case_id,
                "deadline": timer.payload["deadline"],
                "tilbud_id": view.tilbud_id,
                "easy_read": False,
            },
        )
    ]


TIMER_RULES: dict[str, Callable[[Timer, CaseView, Staff], list[Outgoing]]] = {
    "complaint_reminder": complaint_reminder,
}


def run_case_rules(trigger: Trigger, rules: list[Rule] | None = None) -> list[Effect]:
    effects: list[Effect] = []
    for rule in rules if rules is not None else CASE_RULES:
        effects.extend(rule(trigger))
    return effects
