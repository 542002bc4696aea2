"""A batch of relatives, complaints, level changes (level 4 with and without a leader)
and a restored cases store's later incarnation gives exactly the records and
projections that ingesting its events one by one gives (both stores): the counts and
the need for a leader are worked out in the write statements, with no read between."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from services.readside.adapters import ingest
from services.readside.adapters.ingest import Delivered, Ingestor, delivered
from services.readside.adapters.meta import active_tables
from services.readside.adapters.rebuild import rebuild
from services.readside.tests.builders import CaseStream
from services.readside.tests.integration.test_ingest_batch import _fresh
from shared.contracts import cases as wire
from shared.sqldb import Database

_AT = datetime(2031, 1, 11, tzinfo=UTC)


def _relative(case: CaseStream, relative_id: str) -> tuple[Any, dict[str, Any]]:
    return case.next(wire.RelativeAdded, relative_id=relative_id, legal_role="none")


def _complaint(case: CaseStream, complaint_id: str) -> tuple[Any, dict[str, Any]]:
    return case.next(
        wire.ComplaintReceived,
        complaint_id=complaint_id,
        received_at=_AT,
        first_contact_deadline=_AT,
        complainant="citizen",
        channel="phone",
    )


def _events() -> list[Delivered]:
    a, b, c = CaseStream("lyngen"), CaseStream("egebo"), CaseStream("lyngen")
    raw = [a.opened(), b.opened(), c.opened(), _relative(a, "r1"), _relative(a, "r2")]
    raw += [a.next(wire.RelativeRemoved, relative_id="r1"), _complaint(b, "k1")]
    raw += [
        _complaint(b, "k2"),
        b.next(wire.ComplaintResolved, complaint_id="k1", outcome="rejected"),
    ]
    raw += [_complaint(b, "k3")]
    raw += [a.level(4, None), b.next(wire.LeaderAssigned, leader="")]
    raw += [b.level(4, None), c.next(wire.LeaderAssigned, leader="leader-1"), c.level(4, None)]
    raw += [a.next(wire.LeaderAssigned, leader="leader-2"), a.level(3, 4)]
    # the cases store restored to before c's leader: its versions come again, later incarnation
    again = CaseStream("lyngen")
    again.case_id, again.clock = c.case_id, c.clock
    for env, data in [again.opened(), again.level(4, None), again.level(2, 4)]:
        raw.append((replace(env, ce_id=f"{env.ce_id}@7"), data))
    return [delivered(env, data) for env, data in raw]


def _state(db: Database) -> dict[str, Any]:
    with db.read() as tx:
        t = active_tables(tx)
        tables = {
            "cases": (t.cases, "case_id"),
            "levels": (t.levels, "case_id, version"),
            "relatives": (t.relatives, "case_id, relative_id"),
            "complaints": (t.complaints, "case_id, complaint_id"),
            "incarnations": (t.case_incarnations, "case_id"),
            "counts": (t.event_counts, "type, tilbud_id"),
        }
        state = {k: tx.all(f"SELECT * FROM {n} ORDER BY {o}") for k, (n, o) in tables.items()}
        state["audit"] = tx.all(
            "SELECT seq, ce_id, hash, chain, chain_seq FROM rs_audit ORDER BY seq"
        )
        return state


def test_counts_levels_and_incarnations_batch_as_one_by_one(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "utc_iso", lambda _: "2031-03-01T00:00:00.000000Z")
    events = _events()
    one_db, batch_db = _fresh(store_url, "one_c"), _fresh(store_url, "batch_c")
    try:
        one, batch = Ingestor(one_db), Ingestor(batch_db)
        for item in events:
            assert one.ingest_many([item]) == 1
        assert batch.ingest_many(events) == len(events)
        by_one, by_batch = _state(one_db), _state(batch_db)
        assert by_batch == by_one
        with batch_db.read() as tx:
            t = active_tables(tx)
            shown = tx.all(
                f"SELECT relatives, open_complaints, level, leader_required FROM {t.cases}"
            )
        # a: 1 active relative, level 3 with a leader; b: 2 open complaints, level 4 with
        # an empty leader; c (restored): level 2 of the later incarnation
        assert sorted(shown) == [(0, 0, 2, 0), (0, 2, 4, 1), (1, 0, 3, 0)]
        assert len(by_batch["incarnations"]) == 1
        assert len(by_batch["relatives"]) == 2 and len(by_batch["complaints"]) == 3
    finally:
        one_db.close()
        batch_db.close()


def test_a_batch_after_a_rebuild_projects_into_the_new_generation(store_url: str) -> None:
    # the ingestor read the cases' versions in the generation it last saw active; a
    # rebuild switched and dropped that one: the next batch goes into the new one
    events = _events()
    db = _fresh(store_url, "rebuilt")
    try:
        ingestor = Ingestor(db)
        assert ingestor.ingest_many(events[:5]) == 5
        assert rebuild(db).events == 5
        assert ingestor.ingest_many(events[5:]) == len(events) - 5
        with db.read() as tx:
            t = active_tables(tx)
            assert t.generation == 2
            shown = tx.all(
                f"SELECT relatives, open_complaints, level, leader_required FROM {t.cases}"
            )
        assert sorted(shown) == [(0, 0, 2, 0), (0, 2, 4, 1), (1, 0, 3, 0)]
    finally:
        db.close()
