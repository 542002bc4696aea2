"""A registrant who cancels a sign-up gets one mail confirming it (queued by the evening
follower like the sign-up's own confirmation, so once however often the event is
followed); the sign-up's key is destroyed once that mail is done with, so its name and
address are unreadable from then on."""

from __future__ import annotations

from services.communication.application.evening_messages import CONFIRMS_CANCELLATION, trigger
from services.communication.bootstrap import CommunicationService, build
from services.communication.config import CommunicationSettings
from services.communication.tests.builders import FakeContacts
from services.communication.tests.conftest import Clock, RecordingChannel
from services.communication.tests.integration.test_contacts_at_sending import sender
from services.communication.tests.integration.test_evening_follower import EVENING
from services.communication.tests.integration.test_inbound_and_sending import drain


async def test_a_cancelled_sign_up_is_confirmed_once_then_its_key_goes(
    service: CommunicationService, settings: CommunicationSettings, clock: Clock
) -> None:
    evenings = service.evenings
    evenings.create("mette", **EVENING)
    evenings.announce("ev-f", 1, "mette")
    gone = evenings.register("ev-f", "Anna Hemmelig", "anna@example.dk", "mette")
    evenings.register("ev-f", "Bo", "bo@example.dk", "mette")  # waiting, moves up
    evenings.cancel_registration("ev-f", gone.registration_id, "mette")
    evenings.follower.catch_up()
    again = build(settings, clock=clock)  # a restart follows nothing twice
    again.close()

    channel = RecordingChannel()
    await drain(sender(service, clock, channel, FakeContacts()))
    to_anna = [m for m in channel.sent if m.address == "anna@example.dk"]
    assert [m.subject.split(":")[0] for m in to_anna] == ["Tilmeldt", "Afmeldt"]
    assert "Kære Anna Hemmelig" in to_anna[1].body_text and "afmeldt" in to_anna[1].body_text
    with service.store.transaction() as tx:
        assert tx.count_messages(CONFIRMS_CANCELLATION, trigger("ev-f")) == 1
    assert evenings.follower.erasure.destroyed("ev-f") == {gone.registration_id}
    evenings.follower.erasure.keys._cache.clear()  # type: ignore[attr-defined]  # fresh read
    found = evenings.app.get_evening("ev-f", 4).find(gone.registration_id)  # before it went
    assert found is not None and (found.name, found.email) == (None, None)
