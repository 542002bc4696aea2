"""A relative's name, address and consent are asked of the cases service when a message is
sent (here its answers come from a fake directory; test_cases_api.py uses the real API):
nothing personal is stored, an erased relative gets nothing, an outage only delays."""

from __future__ import annotations

from dataclasses import replace

from services.cases.tests.integration.privacy_flow import raw_bytes
from services.communication.adapters.templates import JinjaRenderer
from services.communication.application.sender import Sender
from services.communication.bootstrap import CommunicationService
from services.communication.tests.builders import CaseStream, FakeContacts
from services.communication.tests.conftest import Clock, RecordingChannel
from services.communication.tests.integration.test_inbound_and_sending import (
    drain,
    feed,
    outbox_types,
)


def sender(
    service: CommunicationService, clock: Clock, channel: RecordingChannel, contacts: FakeContacts
) -> Sender:
    return Sender(
        service.store,
        {"email": channel},
        contacts=contacts,
        renderer=JinjaRenderer(),
        clock=clock,
        max_attempts=2,
        backoff_seconds=1,
    )


def log(service: CommunicationService, s: CaseStream) -> list[tuple[str, str, str | None]]:
    return [
        (m.status, m.recipient_id, m.last_error) for m in service.staff.message_log(str(s.case_id))
    ]


async def test_the_mail_is_addressed_from_the_cases_answer_and_nothing_personal_is_kept(
    service: CommunicationService, clock: Clock
) -> None:
    contacts = FakeContacts()
    s = CaseStream(directory=contacts)
    feed(service, s.opened(), s.relative("a", "karen.secret@x.dk"), s.consent("a"))
    contacts.change(s.case_id, "a", name="Karen Hemmelig")
    channel = RecordingChannel()
    await drain(sender(service, clock, channel, contacts))
    (mail,) = channel.sent
    assert mail.address == "karen.secret@x.dk" and "Kære Karen Hemmelig" in mail.body_text
    assert contacts.asked == [(str(s.case_id), "a")]
    (stored,) = service.staff.message_log(str(s.case_id))
    assert (stored.status, stored.channel, stored.address) == ("sent", "email", None)
    assert stored.body_text == "" and "Karen" not in stored.context
    stored_bytes = raw_bytes(service.settings.database_url)
    assert b"Karen" not in stored_bytes and b"karen.secret" not in stored_bytes


async def test_an_erased_relative_gets_nothing_and_the_log_says_why(
    service: CommunicationService, clock: Clock
) -> None:
    contacts = FakeContacts()
    s = CaseStream(directory=contacts)
    feed(service, s.opened(), s.relative("a"), s.consent("a"))
    contacts.erase(s.case_id, "a")
    channel = RecordingChannel()
    await drain(sender(service, clock, channel, contacts))
    assert channel.sent == []
    assert log(service, s) == [("suppressed", "a", "recipient_erased")]
    assert outbox_types(service) == ["message_queued", "message_suppressed"]


async def test_consent_withdrawn_in_the_cases_service_wins_before_the_event_arrives(
    service: CommunicationService, clock: Clock
) -> None:
    contacts = FakeContacts()
    s = CaseStream(directory=contacts)
    feed(service, s.opened(), s.relative("a"), s.consent("a"))
    contacts.change(s.case_id, "a", consents=[])  # the withdrawal event is still on its way
    channel = RecordingChannel()
    await drain(sender(service, clock, channel, contacts))
    assert channel.sent == [] and log(service, s) == [("suppressed", "a", "consent_missing")]


async def test_a_removed_relative_is_suppressed(
    service: CommunicationService, clock: Clock
) -> None:
    contacts = FakeContacts()
    s = CaseStream(directory=contacts)
    feed(service, s.opened(), s.relative("a"), s.consent("a"))
    contacts.known.pop((str(s.case_id), "a"))  # the cases API answers 404
    await drain(sender(service, clock, RecordingChannel(), contacts))
    assert log(service, s) == [("suppressed", "a", "relative_removed")]


async def test_while_the_cases_service_is_down_the_message_waits_and_is_sent_after(
    service: CommunicationService, clock: Clock
) -> None:
    contacts = FakeContacts(down=True)
    s = CaseStream(directory=contacts)
    feed(service, s.opened(), s.relative("a"), s.consent("a"))
    channel = RecordingChannel()
    snd = sender(service, clock, channel, contacts)
    for _ in range(5):  # more outages than max_attempts: waiting never fails the message
        await drain(snd)
        assert log(service, s) == [("queued", "a", "contacts_unavailable")]
        clock.advance(seconds=2)
    assert channel.sent == []
    contacts.down = False
    await drain(snd)
    assert [m.address for m in channel.sent] == ["a@example.dk"]
    (stored,) = service.staff.message_log(str(s.case_id))
    assert (stored.status, stored.attempts) == ("sent", 1)


async def test_no_usable_channel_fails_as_no_channel(
    service: CommunicationService, clock: Clock
) -> None:
    contacts = FakeContacts()
    s = CaseStream(directory=contacts)
    feed(service, s.opened(), s.relative("a"), s.consent("a"))
    contact = contacts.known[(str(s.case_id), "a")]
    contacts.known[(str(s.case_id), "a")] = replace(contact, channels={})
    await drain(sender(service, clock, RecordingChannel(), contacts))
    assert log(service, s) == [("failed", "a", "no_channel")]
