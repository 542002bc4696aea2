"""The local projection of a case and the audience of broadcasts."""

from __future__ import annotations

import json
from dataclasses import replace

from services.communication.domain.audience import (
    COUNCIL_RULES,
    Broadcast,
    audience,
    council_tilbud_ids,
)
from services.communication.domain.model import CaseView, Preferences, relative_channel
from services.communication.tests.builders import DIRECTORY, CaseStream
from services.communication.tests.unit.test_rules import fold


def test_projection_follows_relatives_consents_and_withdrawals() -> None:
    s = CaseStream()
    view = fold(
        s.opened(),
        s.relative("a"),
        s.consent("a"),
        s.consent("a", "invite_to_meetings"),
        s.withdraw("a"),
        s.relative("b"),
        s.removed("b"),
        s.leader("lone"),
    )
    assert view.relatives["a"].consents == ["invite_to_meetings"]
    assert view.relatives["b"].removed
    assert view.leader == "lone" and view.planned_move_in == "2031-05-01"
    assert CaseView.from_json(view.to_json()) == view


def test_channel_follows_the_relatives_preference_then_email() -> None:
    s = CaseStream()
    view = fold(
        s.opened(),
        s.relative(
            "a", channels={"email": "a@x.dk", "phone": "+4512345678"}, preferred_channel="phone"
        ),
    )
    relative = view.relatives["a"]
    assert relative.channel_kinds == ["email", "phone"]  # kinds only: no address kept here
    contact = DIRECTORY.known[(str(s.case_id), "a")]
    assert relative_channel(contact, relative.preferences) == ("webhook", "phone:+4512345678")
    relative.preferences = Preferences(preferred_channel="email")
    assert relative_channel(contact, relative.preferences) == ("email", "a@x.dk")
    assert relative_channel(replace(contact, channels={}), relative.preferences) is None


def test_the_view_keeps_no_name_or_address() -> None:
    s = CaseStream()
    view = fold(s.opened(), s.relative("a", "secret-a@x.dk"), s.consent("a"))
    stored = json.dumps(view.to_json())
    assert "secret-a@x.dk" not in stored and "Navn a" not in stored
    old = view.to_json()  # a view stored before: the name and channels are dropped
    old["relatives"]["a"].update(display_name="Navn a", channels={"email": "secret-a@x.dk"})
    assert CaseView.from_json(old) == view


def test_broadcast_reaches_consenting_not_opted_out_relatives_once_each() -> None:
    s1, s2 = CaseStream("lyngen"), CaseStream("lyngen")
    v1 = fold(
        s1.opened(),
        s1.relative("a", "same@x.dk"),
        s1.consent("a"),
        s1.relative("b"),
        s1.relative("c"),
        s1.consent("c"),
    )
    v2 = fold(s2.opened(), s2.relative("d", "same@x.dk"), s2.consent("d"))
    v1.relatives["c"].preferences = Preferences(opt_out_kinds=["newsletter"])
    out = audience([v1, v2], Broadcast("newsletter", "n1", "newsletter", {}))
    # Addresses are not known here: d, a relative on another case, gets her own copy.
    assert [o.recipient.id for o in out] == ["a", "d"]
    assert all(o.recipient.address is None and "name" not in o.context for o in out)


def test_theme_evening_announcement_needs_an_interest_in_the_topic() -> None:
    s = CaseStream()
    view = fold(
        s.opened(),
        s.relative("a"),
        s.consent("a"),
        s.relative("b"),
        s.consent("b"),
        s.relative("c"),
        s.consent("c"),
    )
    view.relatives["a"].preferences = Preferences(interests=["finances"])
    view.relatives["b"].preferences = Preferences(interests=["all"])
    out = audience([view], Broadcast("e", "e1", "theme_evening", {}, interest="finances"))
    assert sorted(o.recipient.id for o in out) == ["a", "b"]


def test_council_events_map_to_notices_for_the_tilbud() -> None:
    data = {"tilbud_id": "lyngen", "council_id": "c1", "held_on": "2031-06-01"}
    b = COUNCIL_RULES["election_scheduled"](data, "c1:3")
    assert b.template == "council_election" and b.context["election_at"] == "2031-06-01"
    assert COUNCIL_RULES["minutes_recorded"](data, "c1:4").template == "council_minutes"
    assert council_tilbud_ids(data) == ["lyngen"]
