"""Each rule: who gets what, and who does not."""

from __future__ import annotations

from typing import Any

from services.communication.domain import projection
from services.communication.domain.model import CaseView, Outgoing
from services.communication.domain.rules import (
    CancelTimer,
    Staff,
    Timer,
    Trigger,
    complaint_acknowledgement,
    complaint_contacted,
    complaint_reminder,
    complaint_reminder_timer,
    leader_alert_on_incident,
    leader_alert_on_level,
    move_in_invitation,
    welcome_on_case_opened,
    welcome_on_consent,
)
from services.communication.tests.builders import CaseStream, as_fact

STAFF = Staff()


def fold(*steps: tuple[str, Any]) -> CaseView:
    view = None
    for ce_id, fact in map(as_fact, steps):
        view = projection.apply(view, fact, ce_id)
    assert view is not None
    return view


def trigger(view: CaseView, step: tuple[str, Any]) -> Trigger:
    ce_id, fact = as_fact(step)
    return Trigger(fact, ce_id, projection.apply(view, fact, ce_id), STAFF)


def to(effects: list[Any]) -> list[str]:
    return sorted(
        f"{e.recipient.kind}:{e.recipient.id}" for e in effects if isinstance(e, Outgoing)
    )


def test_welcome_on_opening_reaches_only_relatives_with_message_consent() -> None:
    s = CaseStream()
    # a replayed projection may already know relatives when the opening is re-run
    view = fold(s.opened(), s.relative("a"), s.consent("a"), s.relative("b"))
    s2 = CaseStream(case_id=s.case_id)
    effects = welcome_on_case_opened(Trigger(as_fact(s2.opened())[1], "x:1", view, STAFF))
    assert to(effects) == ["relative:a"]


def test_no_welcome_without_a_planned_move_in() -> None:
    s = CaseStream()
    step = s.opened(planned_move_in=None)
    assert welcome_on_case_opened(trigger(CaseView(str(s.case_id), "t"), step)) == []


def test_consent_before_move_in_sends_the_welcome_once_per_relative() -> None:
    s = CaseStream()
    opened = s.opened()
    view = fold(opened, s.relative("a"))
    effects = welcome_on_consent(trigger(view, s.consent("a")))
    assert to(effects) == ["relative:a"]
    (out,) = effects
    assert isinstance(out, Outgoing)
    # keyed on the case opening: a second grant after a withdrawal gives the same id
    assert out.trigger_id == opened[0] and out.rule == "welcome"


def test_invitation_consent_does_not_trigger_the_welcome() -> None:
    s = CaseStream()
    view = fold(s.opened(), s.relative("a"))
    assert welcome_on_consent(trigger(view, s.consent("a", "invite_to_meetings"))) == []


def test_move_in_invitation_to_citizen_and_consenting_invitees_only() -> None:
    s = CaseStream()
    view = fold(
        s.opened(),
        s.relative("a"),
        s.consent("a", "invite_to_meetings"),
        s.relative("b"),
        s.consent("b", "send_messages"),
        s.relative("c"),
        s.consent("c", "invite_to_meetings"),
    )
    effects = move_in_invitation(trigger(view, s.move_in(["a", "b"])))
    assert to(effects) == ["citizen:" + str(s.case_id), "relative:a"]


def test_levels_three_and_four_alert_the_leader_lower_levels_do_not() -> None:
    s = CaseStream()
    view = fold(s.opened(), s.leader("lone"))
    assert leader_alert_on_level(trigger(view, s.level(2))) == []
    (alert,) = leader_alert_on_level(trigger(view, s.level(3)))
    assert isinstance(alert, Outgoing)
    assert alert.recipient.address == "lone@staff.pkraft.local"
    assert alert.consent_scope is None


def test_without_a_leader_the_alert_goes_to_the_tilbud_mailbox() -> None:
    s = CaseStream(tilbud_id="lyngen")
    view = fold(s.opened())
    (alert,) = leader_alert_on_incident(trigger(view, s.incident()))
    assert isinstance(alert, Outgoing)
    assert alert.recipient.address == "tilbud-lyngen@staff.pkraft.local"


def test_complaint_is_acknowledged_to_a_consenting_relative_not_to_others() -> None:
    s = CaseStream()
    view = fold(s.opened(), s.relative("a"), s.consent("a"), s.relative("b"))
    assert to(complaint_acknowledgement(trigger(view, s.complaint("a")))) == ["relative:a"]
    assert complaint_acknowledgement(trigger(view, s.complaint("b", "k2"))) == []
    assert complaint_acknowledgement(trigger(view, s.complaint("other", "k3"))) == []
    assert to(complaint_acknowledgement(trigger(view, s.complaint("citizen", "k4")))) == [
        f"citizen:{s.case_id}"
    ]


def test_complaint_sets_a_reminder_two_hours_before_the_deadline_and_contact_cancels_it() -> None:
    s = CaseStream()
    view = fold(s.opened(), s.leader())
    step = s.complaint("citizen")
    (timer,) = complaint_reminder_timer(trigger(view, step))
    assert isinstance(timer, Timer)
    assert (step[1].first_contact_deadline - timer.due_at).total_seconds() == 7200
    (cancel,) = complaint_contacted(trigger(view, s.first_contact()))
    assert isinstance(cancel, CancelTimer) and cancel.timer_id == timer.timer_id
    (reminder,) = complaint_reminder(timer, view, STAFF)
    assert reminder.recipient.id == "lone" and reminder.template == "complaint_reminder"


def test_message_ids_are_stable_per_rule_trigger_and_recipient() -> None:
    s = CaseStream()
    view = fold(s.opened(), s.leader())
    step = s.level(4)
    first = leader_alert_on_level(trigger(view, step))
    again = leader_alert_on_level(trigger(view, step))
    assert [e.message_id for e in first] == [e.message_id for e in again]  # type: ignore[union-attr]
    other = leader_alert_on_level(trigger(view, s.level(4)))
    assert first[0].message_id != other[0].message_id  # type: ignore[union-attr]
