"""After the cases store was restored, its new events (a later incarnation) count,
even where their versions were seen before the restore."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from eventsourcing.application import Application

from services.councils.adapters.cases_events import electorate_fact
from services.councils.domain.electorate import Electorate
from shared.contracts import cases
from shared.eventid import event_id
from shared.kafka.cloudevents import InboundEvent

LATER = 20311201120000


def test_a_later_incarnation_s_facts_replace_the_lost_ones() -> None:
    e = Electorate(tilbud_id="t1")
    e.apply_case_fact("case-a", 1, "opened", None)
    e.apply_case_fact("case-a", 2, "relative_added", "r1")  # lost with the restore
    assert e.apply_case_fact("case-a", 2, "relative_added", "r2", incarnation=LATER)
    assert "r2" in e.voters()
    # repeats, of either incarnation, change nothing
    assert not e.apply_case_fact("case-a", 2, "relative_added", "r2", incarnation=LATER)
    assert not e.apply_case_fact("case-a", 1, "opened", None)
    assert e.apply_case_fact("case-a", 3, "closed", None, incarnation=LATER)


def test_electorates_stored_before_incarnations_load_and_go_on() -> None:
    app: Application[uuid.UUID] = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    e = Electorate(tilbud_id="t1")
    e.apply_case_fact("case-a", 4, "relative_added", "r1")
    app.save(e)
    loaded: Electorate = app.repository.get(e.id)
    assert loaded.voters() == ["r1"]
    assert not loaded.apply_case_fact("case-a", 4, "relative_added", "r1")
    assert loaded.apply_case_fact("case-a", 1, "relative_added", "r9", incarnation=LATER)


def test_the_incarnation_comes_from_the_ce_id() -> None:
    case_id = uuid.uuid4()
    added = cases.RelativeAdded(
        case_id=case_id,
        case_version=2,
        tilbud_id="t1",
        occurred_at=datetime.now(UTC),
        actor="cw",
        relative_id="r2",
        legal_role="none",
        channel_kinds=[],
        preferred_channel=None,
    )

    def inbound(ce_id: str) -> InboundEvent:
        data = added.model_dump(mode="json")
        return InboundEvent(ce_id, added.ce_type(), cases.SOURCE, str(case_id), None, data, {})

    fact = electorate_fact(inbound(event_id(case_id, 2, LATER)))
    assert fact is not None and fact["incarnation"] == LATER
    fact = electorate_fact(inbound(event_id(case_id, 2)))
    assert fact is not None and fact.get("incarnation", 0) == 0
