"""A theme evening's messages are queued once per event, even when the process died
between storing the event and following it, and when two processes follow at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.domain.model import Preferences
from services.communication.tests.builders import NOW, CaseStream, as_fact
from services.communication.tests.conftest import Clock

EVENING = {
    "evening_id": "ev-f",
    "title": "Sundhed",
    "topic": "health",
    "organiser": "municipality",
    "organiser_name": "Aarhus Kommune",
    "starts_at": "2031-04-01T19:00:00+02:00",
    "location": "Aarhus",
    "capacity": 1,
}


def _told(settings: CommunicationSettings) -> list[tuple[str, str]]:
    svc = build(settings)
    try:
        with svc.store.transaction() as tx:
            return sorted(
                (m.recipient_id, m.rule)
                for m in tx.messages(limit=1000)
                if m.recipient_type == "registrant"
            )
    finally:
        svc.close()


def _outbox(settings: CommunicationSettings) -> list[str]:
    svc = build(settings)
    try:
        with svc.store.db.read() as tx:
            return [r[0] for r in tx.all("SELECT ce_id FROM comm_outbox ORDER BY position")]
    finally:
        svc.close()


def test_an_event_stored_but_not_followed_is_followed_at_the_next_start_once(
    settings: CommunicationSettings, clock: Clock
) -> None:
    svc = build(settings, clock=clock)
    try:
        svc.evenings.create("mette", **EVENING)
        svc.evenings.announce("ev-f", 1, "mette")
        first = svc.evenings.register("ev-f", "Anna", "anna@example.dk", "mette")
        # As if killed after the event was stored and before it was followed:
        evening = svc.evenings.app.get_evening("ev-f")
        evening.register("r2", "Bo", "bo@example.dk", "mette", NOW)
        evening.cancel_registration(first.registration_id, "mette", NOW)
        svc.evenings.app.save(evening)
    finally:
        svc.close()

    expected = [
        (first.registration_id, "theme_evening_registration:cancelled"),
        (first.registration_id, "theme_evening_registration:registered"),
        ("r2", "theme_evening_registration:promoted"),
        ("r2", "theme_evening_registration:waitlisted"),
    ]
    assert _told(settings) == expected  # followed at start, once
    assert _told(settings) == expected  # and not again at the next start
    ids = [ce for ce in _outbox(settings) if ce.startswith("ev-f:")]
    assert ids == ["ev-f:1", "ev-f:2", "ev-f:3", "ev-f:4", "ev-f:5"]
    svc = build(settings, clock=clock)
    try:  # the cancelled sign-up reads as nobody
        cancelled = svc.evenings.get("ev-f").find(first.registration_id)
        assert cancelled is not None and (cancelled.name, cancelled.email) == (None, None)
    finally:
        svc.close()


def test_two_processes_following_at_once_queue_each_message_once(
    settings: CommunicationSettings, clock: Clock
) -> None:
    one, two = build(settings, clock=clock), build(settings, clock=clock)
    try:
        one.evenings.create("mette", **EVENING)
        one.evenings.announce("ev-f", 1, "mette")
        evening = one.evenings.app.get_evening("ev-f")
        for n in range(5):
            evening.register(f"r{n}", f"P{n}", f"p{n}@example.dk", "mette", NOW)
        one.evenings.app.save(evening)  # stored, not yet followed
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda s: s.evenings.follower.catch_up(), [one, two]))
    finally:
        one.close()
        two.close()
    told = _told(settings)
    assert len(told) == 5 and len(set(told)) == 5
    ids = [ce for ce in _outbox(settings) if ce.startswith("ev-f:")]
    assert ids == [f"ev-f:{v}" for v in range(1, 8)]


def test_an_announcement_followed_by_another_process_still_answers_its_invitations(
    settings: CommunicationSettings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = build(settings, clock=clock), build(settings, clock=clock)
    try:
        s = CaseStream("lyngen")
        for ce_id, event in [s.opened(), s.relative("a"), s.consent("a")]:
            one.inbound.when_case_event(*as_fact((ce_id, event)))
        one.staff.set_preferences(str(s.case_id), "a", Preferences(interests=["health"]))
        one.evenings.create("mette", **EVENING)
        # The consumer's follower gets to the event before the API's own catch-up does.
        monkeypatch.setattr(one.evenings.follower, "catch_up", two.evenings.follower.catch_up)
        evening, invitations = one.evenings.announce("ev-f", 1, "mette")
        assert (evening.version, invitations) == (2, 1)
    finally:
        one.close()
        two.close()
