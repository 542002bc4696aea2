"""A theme evening is planned for a time to come under an id a URL can name, seats a whole
number of people, and takes sign-ups from its announcement until it begins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth

COMMS = auth("communications", "mette")


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def _body(**changes: Any) -> dict[str, Any]:
    return {
        "evening_id": "oekonomi-2099",
        "title": "Økonomi",
        "topic": "finances",
        "organiser": "municipality",
        "organiser_name": "Aarhus Kommune",
        "starts_at": "2099-04-01T19:00:00+02:00",
        "location": "Rådhuset",
        "capacity": 20,
        **changes,
    }


@pytest.mark.parametrize("evening_id", ["../x y", "a/b", "..", "with space", "æble", ""])
def test_an_id_no_url_can_name_is_refused(client: TestClient, evening_id: str) -> None:
    r = client.post("/theme-evenings", json=_body(evening_id=evening_id), headers=COMMS)
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    assert client.get("/theme-evenings?include_past=true", headers=COMMS).json()["total"] == 0


def test_an_evening_in_the_past_is_refused_and_nothing_is_planned(client: TestClient) -> None:
    r = client.post(
        "/theme-evenings", json=_body(starts_at="2001-01-01T10:00:00+00:00"), headers=COMMS
    )
    assert r.status_code == 422 and r.json()["code"] == "time_in_past"
    assert client.get("/theme-evenings/oekonomi-2099", headers=COMMS).status_code == 404


@pytest.mark.parametrize("capacity", [True, 2.5, "20"])
def test_capacity_is_a_whole_number_not_a_boolean(client: TestClient, capacity: object) -> None:
    r = client.post("/theme-evenings", json=_body(capacity=capacity), headers=COMMS)
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"


def test_no_sign_up_once_the_evening_has_begun(settings: CommunicationSettings) -> None:
    now = datetime(2031, 4, 1, 16, 0, tzinfo=UTC)
    clock = [now]
    svc = build(settings, clock=lambda: clock[0])
    try:
        svc.evenings.create("mette", **_body(starts_at="2031-04-01T19:00:00+02:00"))
        svc.evenings.announce("oekonomi-2099", 1, "mette")
        assert svc.evenings.register("oekonomi-2099", "Grethe", "g@example.dk", "mette")
        clock[0] = now + timedelta(hours=1, minutes=1)  # 17:01 UTC, 19:01 in Aarhus
        with pytest.raises(Exception) as refused:
            svc.evenings.register("oekonomi-2099", "Ib", "ib@example.dk", "mette")
        assert getattr(refused.value, "code", None) == "theme_evening_held"
        assert [r.name for r in svc.evenings.get("oekonomi-2099").registrations] == ["Grethe"]
    finally:
        svc.close()


def test_no_sign_up_before_the_evening_is_announced(client: TestClient) -> None:
    assert client.post("/theme-evenings", json=_body(), headers=COMMS).status_code == 201
    sign_up = {"name": "Grethe", "email": "g@example.dk"}
    path = "/theme-evenings/oekonomi-2099/registrations"
    r = client.post(path, json=sign_up, headers=COMMS)
    assert r.status_code == 409 and r.json()["code"] == "theme_evening_not_announced"
    assert client.get("/theme-evenings/oekonomi-2099", headers=COMMS).json()["version"] == 1
    spec = client.get("/openapi.json").json()["paths"]
    declared = spec["/theme-evenings/{evening_id}/registrations"]["post"]["responses"]["409"]
    assert "theme_evening_not_announced" in declared["description"]
    announce = {**COMMS, "If-Match": '"1"'}
    assert client.post("/theme-evenings/oekonomi-2099/announce", headers=announce).is_success
    assert client.post(path, json=sign_up, headers=COMMS).status_code == 201
