"""A new code of conduct (kodeks) goes to every relative with consent, across tilbud, and to
every tilbud's staff mailbox; once per version and recipient."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from services.communication.domain import conduct, projection
from services.communication.domain.audience import (
    COUNCIL_RULES,
    audience,
    council_tilbud_ids,
    to_tilbud_mailboxes,
)
from services.communication.domain.model import CaseView, Preferences
from services.communication.domain.rules import Staff
from services.communication.tests.builders import CaseStream, as_fact
from services.communication.tests.unit.test_rules import fold
from shared.contracts import communication as wire

ADOPTED = {"code_of_conduct_id": "k", "version_number": 2, "adopted_on": "2031-02-01"}
RULE = COUNCIL_RULES["code_of_conduct_adopted"]


def _views() -> list[CaseView]:
    lyngen, engen, closed = CaseStream("lyngen"), CaseStream("engen"), CaseStream("engen")
    return [
        fold(lyngen.opened(None), lyngen.relative("a"), lyngen.consent("a"), lyngen.relative("b")),
        fold(
            engen.opened(None),
            engen.relative("c"),
            engen.consent("c"),
            engen.relative("d"),
            engen.consent("d"),
            engen.withdraw("d"),
        ),
        fold(closed.opened(None), closed.relative("e"), closed.consent("e"), closed.closed()),
    ]


def test_a_new_version_reaches_relatives_with_consent_at_every_tilbud() -> None:
    views = _views()
    assert council_tilbud_ids(ADOPTED, "code_of_conduct_adopted") is None  # every tilbud
    out = audience(views, RULE(ADOPTED, "k:2"))
    assert sorted((o.tilbud_id, o.recipient.id) for o in out) == [("engen", "c"), ("lyngen", "a")]
    assert {o.consent_scope for o in out} == {"send_messages"}
    assert out[0].context["version_number"] == 2 and out[0].context["for_staff"] is False


def test_a_relative_who_opted_out_of_the_kind_is_left_out() -> None:
    views = _views()
    views[0].relatives["a"].preferences = Preferences(opt_out_kinds=["code_of_conduct"])
    out = audience(views, RULE(ADOPTED, "k:2"))
    assert [o.recipient.id for o in out] == ["c"]


def test_each_tilbud_s_staff_mailbox_gets_a_copy_without_consent() -> None:
    out = to_tilbud_mailboxes(RULE(ADOPTED, "k:2"), ["lyngen", "engen"], Staff())
    assert [(o.recipient.kind, o.recipient.address) for o in out] == [
        ("staff", "tilbud-lyngen@staff.pkraft.local"),
        ("staff", "tilbud-engen@staff.pkraft.local"),
    ]
    assert {o.consent_scope for o in out} == {None}
    assert all(o.context["for_staff"] for o in out)


def test_once_per_version_and_recipient() -> None:
    views = _views()
    first = {o.message_id for o in audience(views, RULE(ADOPTED, "k:2"))}
    again = {o.message_id for o in audience(views, RULE(ADOPTED, "k:2"))}
    third = {o.message_id for o in audience(views, RULE({**ADOPTED, "version_number": 3}, "k:3"))}
    assert first == again and not first & third


def test_other_council_events_still_reach_only_their_tilbud() -> None:
    data = {"tilbud_id": "lyngen"}
    assert council_tilbud_ids(data, "minutes_recorded") == ["lyngen"]


def _fields(kind: str) -> dict[str, object]:
    return {
        "occurred_at": datetime(2031, 2, 1, tzinfo=UTC), "actor": "system", "message_id": "m",
        "kind": kind, "tilbud_id": "lyngen", "recipient_type": "relative",
        "recipient_id": "a", "channel": "pending", "rule": "r", "trigger_id": "k:2",
    }  # fmt: skip


def test_a_kodeks_message_is_published_as_version_2_and_other_kinds_stay_version_1() -> None:
    kodeks = wire.message_event(wire.MessageQueued, **_fields("code_of_conduct"))
    welcome = wire.message_event(wire.MessageQueued, **_fields("welcome"))
    assert kodeks.ce_type().endswith(".message_queued.v2")
    assert welcome.ce_type().endswith(".message_queued.v1")
    assert wire.registry.model_for(kodeks.ce_type()) is type(kodeks)
    with pytest.raises(ValidationError, match="code_of_conduct"):  # v1 never carries it
        wire.MessageQueued(**_fields("code_of_conduct"))


def test_a_relative_who_consents_later_is_asked_for_the_current_version_once() -> None:
    s = CaseStream("lyngen")
    before = fold(s.opened(None), s.relative("a"), s.relative("b"), s.consent("b"))
    records = [
        conduct.adopted({**ADOPTED, "version_number": 1}, "k:1").to_json(),
        conduct.adopted(ADOPTED, "k:2").to_json(),
    ]
    current = conduct.current(records)
    assert current == conduct.Version(2, "2031-02-01", "k:2")
    ce_id, granted = as_fact(s.consent("a"))
    view = projection.apply(before, granted, ce_id)
    (asked,) = conduct.on_consent(granted, view, current)
    broadcast = {o.recipient.id: o for o in audience([view], RULE(ADOPTED, "k:2"))}
    assert asked == broadcast["a"]  # same message id as the adoption's: never twice
    invited = as_fact(s.consent("a", "invite_to_meetings"))[1]
    assert conduct.on_consent(invited, view, current) == []
    assert conduct.on_consent(granted, view, conduct.current([])) == []
