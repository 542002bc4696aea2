"""Every integer the communication API takes has a bound: beyond it, 422 in the error shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth

COMMS = auth("communications", "mette")
HUGE = 10_000_000_000_000_000_000
EVENING = {
    "title": "Sundhed",
    "topic": "health",
    "organiser": "municipality",
    "organiser_name": "VJH",
    "starts_at": "2031-04-01T19:00:00+02:00",
    "location": "Aarhus",
    "capacity": 30,
}


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize("capacity", [HUGE, -HUGE, 10_001, 0])
def test_a_theme_evenings_capacity_is_between_1_and_10000(
    client: TestClient, capacity: int
) -> None:
    r = client.post("/theme-evenings", json={**EVENING, "capacity": capacity}, headers=COMMS)
    assert r.status_code == 422, r.text
    assert r.json()["code"] in {"invalid_request", "invalid_capacity"}
    assert set(r.json()) == {"code", "message", "details"}


def test_the_largest_capacity_is_accepted(client: TestClient) -> None:
    r = client.post("/theme-evenings", json={**EVENING, "capacity": 10_000}, headers=COMMS)
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("year", [HUGE, 1999, 2101])
def test_a_survey_rounds_year_is_between_2000_and_2100(client: TestClient, year: int) -> None:
    r = client.post("/survey-rounds", json={"tilbud_id": "lyngen", "year": year}, headers=COMMS)
    assert (r.status_code, r.json()["code"]) == (422, "invalid_request")


def test_a_huge_if_match_is_a_stale_version_not_a_crash(client: TestClient) -> None:
    r = client.post("/theme-evenings", json={**EVENING, "evening_id": "e1"}, headers=COMMS)
    assert r.status_code == 201, r.text
    r = client.post("/theme-evenings/e1/cancel", headers={**COMMS, "If-Match": f'"{HUGE}"'})
    assert r.status_code in {409, 422}, r.text
    assert r.json()["code"] in {"version_conflict", "invalid_if_match"}
