"""Activities started by relatives reach the dashboards: held and returned per tilbud."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi.testclient import TestClient

from services.readside.tests.conftest import auth
from services.readside.tests.integration.test_councils_view import _send
from shared.contracts import councils as wire

POOL = uuid.uuid4()


def _held(client: TestClient, version: int, app_id: str, tilbud: str, cost: int) -> None:
    _send(
        client,
        POOL,
        version,
        wire.ActivityHeld,
        pool_id=POOL,
        pool_version=version,
        year=2031,
        application_id=app_id,
        tilbud_id=tilbud,
        held_on=date(2031, 6, 12),
        relatives_count=10,
        residents_count=8,
        staff_count=2,
        cost_kr=cost,
        returned_kr=5_000 - cost,
    )


def test_activities_held_and_amounts_returned_per_tilbud(client: TestClient) -> None:
    for _ in range(2):  # a replayed topic counts nothing twice
        _held(client, 1, "a1", "lyngen", 4_000)
        _held(client, 2, "a2", "lyngen", 5_000)
        _held(client, 3, "a3", "skoven", 3_500)
    board = client.get("/dashboards/municipality", headers=auth("leader")).json()
    figure = board["relatives_activities"]
    assert (figure["held"], figure["cost_kr"], figure["returned_kr"]) == (3, 12_500, 2_500)
    assert figure["per_tilbud"]["lyngen"] == {
        "held": 2,
        "relatives": 20,
        "residents": 16,
        "staff": 4,
        "cost_kr": 9_000,
        "returned_kr": 1_000,
    }
    lyngen = client.get("/dashboards/tilbud/lyngen", headers=auth("leader")).json()
    assert list(lyngen["relatives_activities"]["per_tilbud"]) == ["lyngen"]
    chart = client.get(
        "/dashboards/municipality/charts/relatives_activities.svg", headers=auth("leader")
    )
    assert chart.status_code == 200 and "skoven" in chart.text
