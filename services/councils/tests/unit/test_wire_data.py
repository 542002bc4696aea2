"""The councils relay maps events to their JSON data without building the contract
models (``WireMapping.data``): the data and the records are the models'."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from services.councils.adapters.wire import to_wire
from services.councils.application import stamp_envelope
from services.councils.domain.follow_group import Decider
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.tests.builders import ACTOR, new_council, run_election
from shared.contracts import councils as wire
from shared.groupcommit import Command
from shared.relay.relay import event_translator


def _events() -> list[Any]:
    council = new_council(relatives=2, citizens=1)
    council.appoint_member("citizen", "p-1", "2030-01-01", None, ACTOR, name="Hemmelig Navn")
    run_election(council, "e1", "2030-03-01", {"ann": 2, "bo": 1, "cai": 0})
    at = datetime(2030, 4, 1, 10, tzinfo=UTC)
    council.schedule_meeting("m1", "council_meeting", at, ["Punkt et"], ACTOR)
    pool = ParticipantBudgetPool.open(year=2031, amount=1_000, actor="l")
    pool.apply("a1", str(uuid.uuid4()), "Aktivitet", 500, ["r1"], "admin", electorate=["r1"])
    pool.reject("a1", "Begrundelse", Decider(actor="fg", member_id="f1"))
    events: list[Any] = []
    for aggregate in (council, pool):
        stamp_envelope(aggregate, Command(name="test", aggregate_id=aggregate.id))
        events += aggregate.collect_events()
    return events


def test_the_data_and_records_are_the_models() -> None:
    events = _events()
    kinds = set()
    for event in events:
        model, data = to_wire(event), to_wire.data(event)
        if model is None:
            assert data is None
            continue
        assert data is not None and data.model is type(model)
        assert list(data.data.items()) == list(model.model_dump(mode="json").items())
        kinds.add(data.model)
    assert {wire.ElectionClosed, wire.BudgetRejected, wire.MeetingScheduled} <= kinds

    def built(event: Any) -> Any:  # not a WireMapping: the model's way
        return to_wire(event)

    fast = event_translator(to_wire, "pkraft.councils.v1", wire.SOURCE)
    by_model = event_translator(built, "pkraft.councils.v1", wire.SOURCE)
    assert [fast(e) for e in events] == [by_model(e) for e in events]
