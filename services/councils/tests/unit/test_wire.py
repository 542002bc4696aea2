"""Internal events become public contracts; votes and free text stay inside; case events
become electorate facts (unknown case types are skipped, malformed ones rejected)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from services.councils.adapters.cases_events import electorate_fact
from services.councils.adapters.wire import to_record, to_wire
from services.councils.application import stamp_envelope
from services.councils.domain.follow_group import Decider
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.tests.builders import new_council, run_election
from shared.contracts import councils as wire
from shared.groupcommit import Command
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import MalformedEvent


def test_council_events_map_to_contracts_with_deterministic_ids() -> None:
    council = new_council(relatives=2)
    run_election(council, "e1", "2030-03-01", {"ann": 2, "bo": 1, "cai": 0})
    events = council.collect_events()
    contracts = [to_wire(e) for e in events]
    published = [c for c in contracts if c is not None]
    names = [type(c).__name__ for c in published]
    assert names[0] == "CouncilFormed" and names[-1] == "ElectionClosed"
    assert "VoteCast" not in {type(e).__name__ for e in events if to_wire(e) is not None}
    assert len(events) - len(published) == 3  # the three votes stay internal
    closed = published[-1]
    assert isinstance(closed, wire.ElectionClosed)
    assert [m.relative_id for m in closed.elected] == ["ann", "bo"]
    assert closed.substitutes == ["cai"]
    record = to_record(events[-1], "pkraft.councils.v1")
    assert record is not None
    headers = dict(record.headers)
    assert headers["ce_id"].decode() == f"{council.id}:{council.version}"
    assert record.key == str(council.id).encode()


def test_pool_events_carry_the_year_and_no_free_text() -> None:
    pool = ParticipantBudgetPool.open(year=2031, amount=1_000, actor="l")
    pool.apply(
        "a1", str(uuid.uuid4()), "Hemmelig aktivitet", 500, ["r1"], "admin", electorate=["r1"]
    )
    pool.reject("a1", "Begrundelse", Decider(actor="fg", member_id="f1"))
    stamp_envelope(pool, Command(name="test", aggregate_id=pool.id))  # as the writer does
    contracts = [to_wire(e) for e in pool.collect_events()]
    assert [type(c).__name__ for c in contracts] == [
        "PoolOpened",
        "BudgetApplied",
        "BudgetRejected",
    ]
    assert all(getattr(c, "year", None) == 2031 for c in contracts)
    dumped = str([c.model_dump() for c in contracts if c is not None])
    assert "Hemmelig" not in dumped and "Begrundelse" not in dumped


def test_pool_decisions_say_who_decided_by_id_and_as_what() -> None:
    pool = ParticipantBudgetPool.open(year=2031, amount=1_000, actor="l")
    pool.apply("a1", str(uuid.uuid4()), "Tur", 500, ["r1"], "admin", electorate=["r1"])
    pool.apply("a2", str(uuid.uuid4()), "Tur", 500, ["r1"], "admin", electorate=["r1"])
    pool.grant("a1", None, Decider(actor="fg-7", member_id="f7"))
    pool.reject("a2", "Nej", Decider(actor="leader-1", member_id=None))
    pool.disburse("a1", Decider(actor="fg-7", member_id="f7"))
    stamp_envelope(pool, Command(name="test", aggregate_id=pool.id))
    granted, rejected, disbursed = (to_wire(e) for e in pool.collect_events()[-3:])
    assert isinstance(granted, wire.BudgetGranted) and isinstance(rejected, wire.BudgetRejected)
    assert isinstance(disbursed, wire.BudgetDisbursed)
    assert (granted.actor, granted.decided_as, granted.decided_by_member_id) == (
        "fg-7",
        "member",
        "f7",
    )
    assert (rejected.actor, rejected.decided_as, rejected.decided_by_member_id) == (
        "leader-1",
        "leader",
        None,
    )
    assert (disbursed.decided_as, disbursed.decided_by_member_id) == ("member", "f7")


def inbound(ce_type: str, data: dict[str, object]) -> InboundEvent:
    return InboundEvent(
        id="x:1",
        type=ce_type,
        source="/pkraft/cases",
        subject="x",
        time=datetime.now(UTC),
        data=data,
        extensions={},
    )


def test_case_events_become_electorate_facts() -> None:
    case_id = uuid.uuid4()
    data = {
        "case_id": str(case_id),
        "case_version": 4,
        "tilbud_id": "t1",
        "occurred_at": "2030-01-01T10:00:00Z",
        "actor": "cw",
        "relative_id": "r1",
    }
    fact = electorate_fact(inbound("dk.aarhus.pkraft.cases.relative_removed.v1", data))
    assert fact == {
        "tilbud_id": "t1",
        "case_id": str(case_id),
        "case_version": 4,
        "fact": "relative_removed",
        "relative_id": "r1",
    }
    scope = {**data, "scope": "send_messages", "form": "oral"}
    assert electorate_fact(inbound("dk.aarhus.pkraft.cases.consent_granted.v1", scope)) is None
    assert electorate_fact(inbound("dk.aarhus.pkraft.cases.something_new.v9", {})) is None
    with pytest.raises(ValidationError):
        electorate_fact(inbound("dk.aarhus.pkraft.cases.relative_removed.v1", {"case_id": "x"}))
    with pytest.raises(MalformedEvent):
        electorate_fact(inbound("com.example.other.v1", data))
