"""Rules, queueing and sending against a real store: once per trigger, consent at sending."""

from __future__ import annotations

from typing import Any

from services.communication.adapters.outbox import OutboxSource
from services.communication.adapters.templates import JinjaRenderer
from services.communication.application.sender import Sender
from services.communication.bootstrap import CommunicationService
from services.communication.tests.builders import DIRECTORY, CaseStream, as_fact
from services.communication.tests.conftest import (
    Clock,
    PermanentFailure,
    RecordingChannel,
    TransientFailure,
)


def feed(service: CommunicationService, *steps: tuple[str, Any]) -> int:
    return sum(service.inbound.when_case_event(*as_fact(step)) for step in steps)


def sender(service: CommunicationService, clock: Clock, channel: RecordingChannel) -> Sender:
    return Sender(
        service.store,
        {"email": channel},
        contacts=DIRECTORY,
        renderer=JinjaRenderer(),
        clock=clock,
        max_attempts=3,
        backoff_seconds=1,
        lease_seconds=30,
    )


async def drain(s: Sender) -> None:
    while await s.send_next():
        pass


def statuses(service: CommunicationService, case_id: object) -> list[tuple[str, str, str]]:
    log = service.staff.message_log(str(case_id))
    return [(m.template, m.recipient_id, m.status) for m in log]


def outbox_types(service: CommunicationService) -> list[str]:
    return [e.ce_type.split(".")[-2] for _, e in OutboxSource(service.store.db).read(0, 1000)]


async def test_a_replayed_event_queues_and_sends_nothing_new(
    service: CommunicationService, clock: Clock
) -> None:
    s = CaseStream()
    steps = [s.opened(), s.relative("a"), s.consent("a")]
    assert feed(service, *steps) == 1
    assert feed(service, *steps) == 0  # redelivery: claimed ce_ids
    channel = RecordingChannel()
    await drain(sender(service, clock, channel))
    await drain(sender(service, clock, channel))
    assert [m.template for m in channel.sent] == ["welcome"]
    assert "torsdag den 1. maj 2031" in channel.sent[0].body_text  # planned move-in, in Danish
    assert statuses(service, s.case_id) == [("welcome", "a", "sent")]
    assert outbox_types(service) == ["message_queued", "message_sent"]


async def test_withdrawal_before_sending_wins_over_the_queued_message(
    service: CommunicationService, clock: Clock
) -> None:
    s = CaseStream()
    feed(service, s.opened(), s.relative("a"), s.consent("a"), s.withdraw("a"))
    channel = RecordingChannel()
    await drain(sender(service, clock, channel))
    assert channel.sent == []
    assert statuses(service, s.case_id) == [("welcome", "a", "suppressed")]
    assert service.staff.message_log(str(s.case_id))[0].last_error == "consent_missing"
    assert "message_suppressed" in outbox_types(service)


async def test_opting_out_of_a_kind_suppresses_it(
    service: CommunicationService, clock: Clock
) -> None:
    from services.communication.domain.model import Preferences

    s = CaseStream()
    feed(service, s.opened(), s.relative("a"), s.consent("a"))
    service.staff.set_preferences(str(s.case_id), "a", Preferences(opt_out_kinds=["welcome"]))
    channel = RecordingChannel()
    await drain(sender(service, clock, channel))
    assert channel.sent == [] and statuses(service, s.case_id)[0][2] == "suppressed"


async def test_transient_failures_are_retried_with_backoff(
    service: CommunicationService, clock: Clock
) -> None:
    s = CaseStream()
    feed(service, s.opened(), s.leader(), s.level(4))
    channel = RecordingChannel(fail_next=[TransientFailure("smtp_unavailable")])
    snd = sender(service, clock, channel)
    await drain(snd)
    assert channel.sent == [] and statuses(service, s.case_id)[0][2] == "queued"
    clock.advance(seconds=0.5)
    assert not await snd.send_next()  # not due before the backoff passed
    clock.advance(seconds=1)
    await drain(snd)
    (log,) = service.staff.message_log(str(s.case_id))
    assert (log.status, log.attempts, len(channel.sent)) == ("sent", 2, 1)


async def test_permanent_and_exhausted_failures_are_recorded_and_published(
    service: CommunicationService, clock: Clock
) -> None:
    s = CaseStream()
    feed(service, s.opened(), s.leader(), s.level(3), s.incident())
    channel = RecordingChannel(
        fail_next=[PermanentFailure("smtp_550")] + [TransientFailure("smtp_unavailable")] * 3
    )
    snd = sender(service, clock, channel)
    for _ in range(4):
        await drain(snd)
        clock.advance(minutes=5)
    log = service.staff.message_log(str(s.case_id))
    assert sorted((m.status, m.last_error or "") for m in log) == [
        ("failed", "retries_exhausted:smtp_unavailable"),
        ("failed", "smtp_550"),
    ]
    assert outbox_types(service).count("message_failed") == 2


async def test_a_message_left_sending_by_a_crash_is_redelivered_with_the_same_id(
    service: CommunicationService, clock: Clock
) -> None:
    s = CaseStream()
    feed(service, s.opened(), s.leader(), s.level(4))
    snd = sender(service, clock, RecordingChannel())
    message, _, _ = snd._claim()  # the process dies right after this
    assert message is not None
    channel = RecordingChannel()
    await drain(sender(service, clock, channel))
    assert channel.sent == []  # still leased
    clock.advance(seconds=31)
    await drain(sender(service, clock, channel))
    assert [m.message_id for m in channel.sent] == [message.message_id]


async def test_complaint_reminder_fires_when_due_unless_contact_was_made(
    service: CommunicationService, clock: Clock
) -> None:
    s = CaseStream()
    feed(
        service,
        s.opened(),
        s.leader(),
        s.complaint("other", "k1"),
        s.complaint("other", "k2"),
        s.first_contact("k2"),
    )
    assert service.inbound.fire_due_timers() == 0
    clock.advance(hours=22, seconds=1)
    assert service.inbound.fire_due_timers() == 1
    assert statuses(service, s.case_id) == [("complaint_reminder", "lone", "queued")]
    channel = RecordingChannel()
    await drain(sender(service, clock, channel))
    # the deadline 24 h after 2031-03-01 09:00 UTC, in Copenhagen time
    assert "inden søndag den 2. marts 2031 kl. 10.00" in channel.sent[0].subject
    assert service.inbound.fire_due_timers() == 0


async def test_council_notices_reach_the_tilbuds_consenting_relatives_once(
    service: CommunicationService, clock: Clock
) -> None:
    s1, s2, other = CaseStream("lyngen"), CaseStream("lyngen"), CaseStream("elsewhere")
    feed(
        service,
        s1.opened(None),
        s1.relative("a"),
        s1.consent("a"),
        s1.relative("b"),
        s2.opened(None),
        s2.relative("c"),
        s2.consent("c"),
        other.opened(None),
        other.relative("d"),
        other.consent("d"),
    )
    data = {"tilbud_id": "lyngen", "council_id": "c1", "held_on": "2031-06-01"}
    assert service.inbound.when_council_event("c1:4", "election_scheduled", data) == 2
    assert service.inbound.when_council_event("c1:4", "election_scheduled", data) == 0
    assert service.inbound.when_council_event("c1:5", "council_formed", data) == 0
    channel = RecordingChannel()
    await drain(sender(service, clock, channel))
    assert sorted(m.recipient_id for m in channel.sent) == ["a", "c"]
    assert {m.template for m in channel.sent} == {"council_election"}
    assert all("(søndag den 1. juni 2031)" in m.body_text for m in channel.sent)
