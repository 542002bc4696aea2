"""The relatives' satisfaction on the dashboards: per tilbud, rolled up per centre and the
municipality, with the change since the previous round; groups under the threshold are
never shown."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from services.readside.domain.envelope import envelope_of
from services.readside.tests.conftest import auth
from shared.contracts import communication as wire

WHEN = datetime(2031, 5, 1, 12, tzinfo=UTC)
_offset = iter(range(1, 10_000))


def _result(client: TestClient, tilbud: str, year: int, question: str, n: int, mean: float) -> None:
    data = wire.SurveyResultsPublished(
        occurred_at=WHEN,
        actor="mette",
        tilbud_id=tilbud,
        year=year,
        question=question,
        n=n,
        mean=mean,
        distribution={"1": 0, "2": 0, "3": n, "4": 0, "5": 0},
    ).model_dump(mode="json")
    env = envelope_of(
        topic=wire.TOPIC,
        partition=0,
        offset=next(_offset),
        ce_id=f"survey_results:{tilbud}:{year}:{question}:{n}",
        ce_type=wire.SurveyResultsPublished.ce_type(),
        source=wire.SOURCE,
        subject=f"{tilbud}:{year}",
        time=WHEN,
        data=data,
    )
    client.app.state.service.ingestor.ingest(env, data)  # type: ignore[attr-defined]


def _board(client: TestClient, path: str) -> Any:
    return client.get(path, headers=auth("leader")).json()["satisfaction"]


def test_satisfaction_per_tilbud_centre_and_municipality_with_change(client: TestClient) -> None:
    _result(client, "lyngen", 2027, "overall", 6, 3.0)
    _result(client, "lyngen", 2031, "overall", 8, 4.0)
    _result(client, "lyngen", 2031, "informed", 8, 3.5)
    _result(client, "lyngen", 2031, "informed", 6, 1.0)  # an earlier, smaller group: superseded
    _result(client, "bofaellesskabet-lyngen", 2031, "overall", 5, 4.5)
    _result(client, "bostedet-aaen", 2031, "overall", 3, 5.0)  # under the threshold of 5

    lyngen = _board(client, "/dashboards/tilbud/lyngen")["per_tilbud"]["lyngen"]
    assert lyngen == {
        "year": 2031,
        "n": 8,
        "mean": 3.75,
        "previous_year": 2027,
        "previous_mean": 3.0,
        "change": 0.75,
    }
    vest = _board(client, "/dashboards/centres/borgercenter-vest")
    assert vest["rolled_up"]["current"] == {"years": [2031], "n": 13, "mean": 3.93}
    assert vest["rolled_up"]["previous"] == {"years": [2027], "n": 6, "mean": 3.0}
    assert vest["rolled_up"]["change"] == 0.93

    oest = _board(client, "/dashboards/centres/borgercenter-oest")
    assert oest["per_tilbud"] == {} and oest["suppressed"] == ["bostedet-aaen"]
    assert oest["rolled_up"] == {"current": None, "previous": None, "change": None}

    town = _board(client, "/dashboards/municipality")
    assert set(town["per_tilbud"]) == {"lyngen", "bofaellesskabet-lyngen"}
    assert town["suppressed"] == ["bostedet-aaen"] and town["min_group"] == 5
    assert "bostedet-aaen" not in str(town["rolled_up"])
    chart = client.get("/dashboards/municipality/charts/satisfaction.svg", headers=auth("leader"))
    assert chart.status_code == 200 and "<svg" in chart.text and "lyngen" in chart.text
    assert "bostedet-aaen" not in chart.text
