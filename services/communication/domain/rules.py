"""Rules from case events: one small named function per rule, listed in ``CASE_RULES``.

A rule gets the event and the case view *after* the event and answers what to send
(``Outgoing``) and which timers to set or cancel. It never sends: the message id is
derived from (rule, trigger, recipient), so running a rule twice queues nothing new.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from services.communication.domain import case_facts as facts
from services.communication.domain.model import (
    INVITE_TO_MEETINGS,
    SEND_MESSAGES,
    CaseView,
    Outgoing,
    to_relative,
)
from services.communication.domain.triggers import (
    CancelTimer,
    Effect,
    Rule,
    Staff,
    Timer,
    Trigger,
    consenting,
    out,
)

__all__ = ["CancelTimer", "Effect", "Rule", "Staff", "Timer", "Trigger"]

COMPLAINT_REMINDER_BEFORE = timedelta(hours=2)


def welcome_on_case_opened(t: Trigger) -> list[Effect]:
    """Case opened with a planned move-in: the welcome brochure to consenting relatives."""
    if not isinstance(t.event, facts.CaseOpened) or t.event.planned_move_in is None:
        return []
    return [
        out(
            t,
            "welcome",
            "welcome",
            to_relative(r),
            SEND_MESSAGES,
            planned_move_in=t.view.planned_move_in,
        )
        for r in consenting(t.view, SEND_MESSAGES)
    ]


def welcome_on_consent(t: Trigger) -> list[Effect]:
    """Consent to messages granted before the move-in: that relative gets the welcome.

    Same rule name and trigger (the case opening) as above, so one welcome per relative.
    """
    e = t.event
    if not isinstance(e, facts.ConsentGranted) or e.scope != SEND_MESSAGES:
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
        out(
            t,
            "welcome",
            "welcome",
            to_relative(relative),
            SEND_MESSAGES,
            trigger_id=v.opened_ce_id,
            planned_move_in=v.planned_move_in,
        )
    ]


def move_in_invitation(t: Trigger) -> list[Effect]:
    """Move-in conversation scheduled: invite the citizen and relatives with consent."""
    e = t.event
    if not isinstance(e, facts.MoveInConversationScheduled):
        return []
    when = e.conversation_at.isoformat()
    effects: list[Effect] = []
    if e.citizen_invited:
        effects.append(
            out(
                t,
                "move_in_invitation",
                "move_in_invitation_citizen",
                t.staff.citizen(t.view),
                None,
                conversation_at=when,
            )
        )
    invited = set(e.invitee_relative_ids)
    for r in consenting(t.view, INVITE_TO_MEETINGS):
        if r.relative_id in invited:
            effects.append(
                out(
                    t,
                    "move_in_invitation",
                    "move_in_invitation",
                    to_relative(r),
                    INVITE_TO_MEETINGS,
                    conversation_at=when,
                )
            )
    return effects


def leader_alert_on_level(t: Trigger) -> list[Effect]:
    """Level 3 or 4 on the staircase: alert the responsible leader."""
    e = t.event
    if not isinstance(e, facts.LevelAssessed) or e.level < 3:
        return []
    return [
        out(
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
    if not isinstance(e, facts.IncidentReported):
        return []
    return [
        out(
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
    if not isinstance(e, facts.ComplaintReceived):
        return []
    common = {"deadline": e.first_contact_deadline.isoformat()}
    if e.complainant == "citizen":
        return [
            out(
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
        out(
            t,
            "complaint_ack",
            "complaint_acknowledgement",
            to_relative(relative),
            SEND_MESSAGES,
            **common,
        )
    ]


def complaint_reminder_timer(t: Trigger) -> list[Effect]:
    """Complaint received: remind staff 2 hours before the 24-hour first-contact deadline."""
    e = t.event
    if not isinstance(e, facts.ComplaintReceived):
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
    if not isinstance(e, facts.ComplaintFirstContactRecorded):
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
