"""The local projection of a case and the audience of broadcasts."""

from __future__ import annotations

from services.communication.domain.audience import (
    COUNCIL_RULES,
    Broadcast,
    audience,
    council_tilbud_ids,
)
from services.communication.domain.model import CaseView, Preferences, relative_channel
from services.communication.tests.builders import CaseStream
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
    assert relative_channel(relative) == ("webhook", "phone:+4512345678")
    relative.preferences = Preferences(preferred_channel="email")
    assert relative_channel(relative) == ("email", "a@x.dk")
    relative.channels = {}
    assert relative_channel(relative) is None


def test_broadcast_reaches_consenting_not_opted_out_relatives_once_per_address() -> None:
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
    assert [o.recipient.id for o in out] == ["a"]


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
