"""Councils and the participant-budget pool, projected from the councils contracts."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient

from services.readside.domain.envelope import envelope_of
from services.readside.tests.conftest import auth
from shared.contracts import councils as wire

COUNCIL, POOL = uuid.uuid4(), uuid.uuid4()
WHEN = datetime(2031, 3, 1, 12, tzinfo=UTC)


def _send(client: TestClient, aggregate: uuid.UUID, version: int, model: Any, **f: Any) -> None:
    event = model(occurred_at=WHEN, actor="admin", **f)
    data = event.model_dump(mode="json")
    env = envelope_of(
        topic=wire.TOPIC,
        partition=0,
        offset=version,
        ce_id=f"{aggregate}:{version}",
        ce_type=model.ce_type(),
        source=wire.SOURCE,
        subject=str(aggregate),
        time=WHEN,
        data=data,
    )
    client.app.state.service.ingestor.ingest(env, data)  # type: ignore[attr-defined]


def _council(client: TestClient) -> None:
    c = {"council_id": COUNCIL, "tilbud_id": "lyngen"}
    seats = {"relatives": 3, "citizens": 1, "staff": 1}
    _send(
        client,
        COUNCIL,
        1,
        wire.CouncilFormed,
        council_version=1,
        **c,
        kind="relatives_council",
        seats=seats,
        department_head="dh",
    )
    for v, member in ((2, "m1"), (3, "m2"), (4, "m3")):
        _send(
            client,
            COUNCIL,
            v,
            wire.MemberJoined,
            council_version=v,
            **c,
            member_id=member,
            kind="relative",
            person_ref=member,
            seat="relative",
            term_start=date(2031, 1, 1),
            how="elected",
        )
    _send(
        client,
        COUNCIL,
        5,
        wire.MemberLeft,
        council_version=5,
        **c,
        member_id="m3",
        left_on=date(2031, 2, 1),
        reason="resigned",
    )
    p = {"pool_id": POOL, "year": 2031}
    _send(client, POOL, 1, wire.PoolOpened, pool_version=1, **p, amount_kr=100_000)
    _send(
        client,
        POOL,
        2,
        wire.BudgetApplied,
        pool_version=2,
        **p,
        application_id="a1",
        council_id=COUNCIL,
        amount_kr=20_000,
        initiator_ids=["m1"],
    )
    _send(
        client,
        POOL,
        3,
        wire.BudgetGranted,
        pool_version=3,
        **p,
        application_id="a1",
        amount_kr=15_000,
    )
    _send(
        client,
        POOL,
        4,
        wire.BudgetDisbursed,
        pool_version=4,
        **p,
        application_id="a1",
        amount_kr=15_000,
    )
    _send(
        client,
        POOL,
        5,
        wire.SpendingReported,
        pool_version=5,
        **p,
        application_id="a1",
        spent_kr=12_500,
    )


def test_council_seats_and_the_pool_reach_the_dashboards(client: TestClient) -> None:
    _council(client)
    _council(client)  # a replayed topic changes nothing
    overview = client.get("/councils", headers=auth("council_admin")).json()
    assert [(c["seats"], c["members"], c["share_filled"]) for c in overview] == [(5, 2, 0.4)]
    board = client.get("/dashboards/municipality", headers=auth("leader")).json()
    assert board["council_seats"] == {
        "councils": 1,
        "seats": 5,
        "seats_filled": 2,
        "share_filled": 0.4,
    }
    assert board["budget_pool"]["by_year"]["2031"] == {
        "amount_kr": 100_000,
        "granted_kr": 15_000,
        "disbursed_kr": 15_000,
        "spent_kr": 12_500,
        "share_spent": 0.125,
    }
    lyngen = client.get("/dashboards/tilbud/lyngen", headers=auth("leader")).json()
    assert lyngen["budget_pool"]["by_year"]["2031"]["spent_kr"] == 12_500
    other = client.get("/dashboards/tilbud/skoven", headers=auth("leader")).json()
    assert other["council_seats"]["councils"] == 0 and other["budget_pool"]["by_year"] == {}
    chart = client.get("/dashboards/municipality/charts/budget_pool.svg", headers=auth("leader"))
    assert chart.status_code == 200 and "2031" in chart.text
    assert client.get("/councils", headers=auth("caseworker")).status_code == 403
