"""The anti-corruption translator: cases wire events into this service's case facts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pytest

from services.communication.adapters.case_events import (
    NOTICED_ONLY,
    TRANSLATORS,
    UntranslatableEvent,
    parse,
    translate,
)
from services.communication.domain import case_facts as facts
from services.communication.entrypoints.handlers import (
    when_case_event_update_projection_and_run_rules,
)
from services.communication.tests.builders import CaseStream
from shared.contracts import cases as wire
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery, MalformedEvent

AT = datetime(2031, 3, 1, 9, 0, tzinfo=UTC)


def test_every_case_event_type_is_translated_or_explicitly_only_noticed() -> None:
    registered = set(wire.registry.models()) | set(wire.registry.legacy_types().values())
    decided = set(TRANSLATORS) | NOTICED_ONLY
    assert registered - decided == set(), "decide what the communication service does"
    assert set(TRANSLATORS) & NOTICED_ONLY == set()
    assert decided - registered == set()


def test_the_domain_knows_every_channel_kind_and_consent_scope_the_contract_lists() -> None:
    assert {k.value for k in facts.ChannelKind} == set(wire.CHANNEL_KINDS)
    assert {s.value for s in facts.ConsentScope} == set(wire.CONSENT_SCOPES)


def test_a_relative_arrives_with_the_domain_s_channel_kinds() -> None:
    s = CaseStream("lyngen")
    _, event = s.relative("a", channels={"email": "x", "digital_post": "y"})
    fact = translate(event)
    assert fact == facts.RelativeAdded(
        case_id=str(s.case_id),
        tilbud_id="lyngen",
        occurred_at=event.occurred_at,
        relative_id="a",
        channel_kinds=(facts.ChannelKind.DIGITAL_POST, facts.ChannelKind.EMAIL),
        preferred_channel=None,
    )


def test_consent_and_the_staircase_become_facts_the_rules_read() -> None:
    s = CaseStream()
    s.relative("a")
    granted = translate(s.consent("a", "invite_to_meetings")[1])
    assert isinstance(granted, facts.ConsentGranted)
    assert granted.scope is facts.ConsentScope.INVITE_TO_MEETINGS
    level = translate(s.level(4)[1])
    assert isinstance(level, facts.LevelAssessed) and level.level == 4


def test_an_event_without_meaning_here_only_makes_the_case_known() -> None:
    case_id = uuid4()
    event = wire.ContactPersonAssigned(
        case_id=case_id, case_version=3, tilbud_id="lyngen", occurred_at=AT, actor="a",
        staff_id="mette",
    )  # fmt: skip
    assert translate(event) == facts.CaseNoticed(
        case_id=str(case_id), tilbud_id="lyngen", occurred_at=AT
    )


def _withdrawal(scope: str) -> dict[str, Any]:
    return {
        "case_id": str(uuid4()), "case_version": 4, "tilbud_id": "lyngen",
        "occurred_at": AT.isoformat(), "actor": "a", "relative_id": "a",
        "scope": scope, "form": "oral",
    }  # fmt: skip


def test_an_unknown_consent_scope_is_refused_naming_the_field_and_the_known_ones() -> None:
    # consent_withdrawn's contract does not list its scopes; the domain knows three
    with pytest.raises(UntranslatableEvent) as refused:
        parse(wire.ConsentWithdrawn.ce_type(), _withdrawal("send_letters"))
    assert str(refused.value) == (
        "consent_withdrawn: scope 'send_letters' is not one of "
        "share_information, invite_to_meetings, send_messages"
    )


def test_a_type_the_contract_does_not_know_is_left_alone() -> None:
    assert parse("dk.aarhus.pkraft.cases.some_future_event.v1", {}) is None


def test_a_legacy_version_is_read_as_the_current_fact() -> None:
    data = {
        "case_id": str(uuid4()), "case_version": 1, "tilbud_id": "lyngen",
        "occurred_at": AT.isoformat(), "actor": "a", "setting": "nursing_home",
        "planned_move_in": "2031-05-01", "citizen_ref": "old-personal-field",
    }  # fmt: skip
    fact = parse("dk.aarhus.pkraft.cases.case_opened.v1", data)
    assert isinstance(fact, facts.CaseOpened) and fact.planned_move_in == date(2031, 5, 1)


class Recording:
    def __init__(self) -> None:
        self.facts: list[facts.CaseFact] = []

    def when_case_event(self, ce_id: str, event: facts.CaseFact) -> int:
        self.facts.append(event)
        return 0


async def test_the_subscriber_dead_letters_an_untranslatable_event_and_hands_on_nothing() -> None:
    inbound = Recording()
    handle = when_case_event_update_projection_and_run_rules(inbound)  # type: ignore[arg-type]
    data = _withdrawal("send_letters")
    event = InboundEvent("x:4", wire.ConsentWithdrawn.ce_type(), "/t", "x", None, data, {})
    with pytest.raises(MalformedEvent, match="scope 'send_letters'"):
        await handle(event, Delivery("t", 0, 0))
    assert inbound.facts == []
    ok = InboundEvent("x:4", wire.ConsentWithdrawn.ce_type(), "/t", "x", None,
                      _withdrawal("send_messages"), {})  # fmt: skip
    await handle(ok, Delivery("t", 0, 1))
    assert [type(f) for f in inbound.facts] == [facts.ConsentWithdrawn]
