"""The councils relay reads the store without decrypting personal fields (issue 15): the
records equal those of a full decode (names, agendas, minutes, free text of
applications stored sealed), and no subject key is looked up."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from services.councils.adapters.wire import to_wire
from services.councils.application import stamp_envelope
from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from services.councils.domain.follow_group import Decider
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.tests.builders import ACTOR, new_council, run_election
from shared.contracts import councils as wire
from shared.groupcommit import Command
from shared.privacy.mapper import SEALED
from tests.sealed_reads import sealed_and_decrypted


def test_sealed_reads_publish_what_decrypted_reads_do(
    councils_settings: CouncilsSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    council = new_council(relatives=2, citizens=1)
    council.appoint_member("citizen", "p-1", "2030-01-01", None, ACTOR, name="Hemmelig Navn")
    run_election(council, "e1", "2030-03-01", {"ann": 2, "bo": 1, "cai": 0})
    at = datetime(2030, 4, 1, 10, tzinfo=UTC)
    council.schedule_meeting("m1", "council_meeting", at, ["Punkt et", "Punkt to"], ACTOR)
    pool = ParticipantBudgetPool.open(year=2031, amount=1_000, actor="l")
    pool.apply(
        "a1", str(uuid.uuid4()), "Hemmelig aktivitet", 500, ["r1"], "admin", electorate=["r1"]
    )
    pool.reject("a1", "Begrundelse", Decider(actor="fg", member_id="f1"))
    for aggregate in (council, pool):
        stamp_envelope(aggregate, Command(name="test", aggregate_id=aggregate.id))
    app = build_application(councils_settings)
    try:
        app.save(council, pool)
        decrypted, sealed, events = sealed_and_decrypted(
            app, to_wire, "pkraft.councils.v1", wire.SOURCE, monkeypatch
        )
    finally:
        app.close()
    assert sealed == decrypted
    assert len([r for r in sealed if r is not None]) >= 8
    assert any(SEALED in vars(e).values() for e in events)
    assert "MeetingScheduled" in {type(e).__name__ for e in events}
