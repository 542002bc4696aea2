"""The mails the README's first walk-through causes (its `ls var/mail/` comment says so)."""

from __future__ import annotations

from services.communication.adapters.templates import JinjaRenderer
from services.communication.application.sender import Sender
from services.communication.bootstrap import CommunicationService
from services.communication.tests.builders import DIRECTORY, CaseStream, as_fact
from services.communication.tests.conftest import Clock, RecordingChannel


async def test_the_readme_walk_through_sends_an_invitation_a_letter_and_three_alerts(
    service: CommunicationService, clock: Clock
) -> None:
    s = CaseStream("lyngen")
    steps = [
        s.opened(),  # with a planned move-in
        s.relative("karen"),
        s.consent("karen", "invite_to_meetings"),  # no send_messages: no welcome
        s.move_in(["karen"]),  # the cases service invites those with invite_to_meetings
        s.level(3),
        s.incident(),
        s.level(4),  # the threat puts the case at level 4 (by the system)
        s.leader("lea"),  # assigned after the alerts: they went to the tilbud's mailbox
    ]
    for ce_id, event in steps:
        service.inbound.when_case_event(*as_fact((ce_id, event)))
    channel = RecordingChannel()
    sender = Sender(
        service.store,
        {"email": channel},
        contacts=DIRECTORY,
        renderer=JinjaRenderer(),
        clock=clock,
    )
    while await sender.send_next():
        pass
    mailbox = "tilbud-lyngen@staff.pkraft.local"
    assert sorted((m.template, m.address) for m in channel.sent) == [
        ("leader_alert", mailbox),
        ("leader_alert", mailbox),
        ("leader_alert", mailbox),
        ("move_in_invitation", "karen@example.dk"),
        ("move_in_invitation_citizen", mailbox),
    ]
    subjects = sorted(m.subject for m in channel.sent if m.template == "leader_alert")
    assert subjects == [
        "Hændelse registreret",
        "Samarbejdstrappen: sag på trin 3",
        "Samarbejdstrappen: sag på trin 4",
    ]
