"""The console's list of theme evenings: by start, past ones only when asked, paged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

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


def _plan(client: TestClient, evening_id: str, starts_at: str) -> None:
    body = {
        "evening_id": evening_id,
        "title": f"Aften {evening_id}",
        "topic": "health",
        "organiser": "municipality",
        "organiser_name": "Aarhus Kommune",
        "starts_at": starts_at,
        "location": "Aarhus",
        "capacity": 2,
    }
    assert client.post("/theme-evenings", json=body, headers=COMMS).status_code == 201


def _plan_past(settings: CommunicationSettings, evening_id: str, starts_at: str) -> None:
    """An evening planned back when its start was still to come."""
    svc = build(settings, clock=lambda: datetime(2000, 12, 1, tzinfo=UTC))
    try:
        svc.evenings.create(
            "mette",
            evening_id=evening_id,
            title=f"Aften {evening_id}",
            topic="health",
            organiser="municipality",
            organiser_name="Aarhus Kommune",
            starts_at=starts_at,
            location="Aarhus",
            capacity=2,
        )
    finally:
        svc.close()


def test_the_list_is_ordered_by_start_leaves_out_the_past_and_pages(
    client: TestClient, settings: CommunicationSettings
) -> None:
    _plan(client, "late", "2099-06-01T19:00:00+02:00")
    _plan_past(settings, "past", "2001-01-01T19:00:00+01:00")
    _plan(client, "early", "2099-05-01T18:30:00+00:00")  # later than 19:00 at UTC+2
    _plan(client, "earlier", "2099-05-01T19:00:00+02:00")  # 17:00 UTC
    assert client.post("/theme-evenings/early/announce", headers=COMMS).status_code == 200
    r = client.post(
        "/theme-evenings/early/registrations",
        json={"name": "Deltager", "email": "d@example.dk"},
        headers=COMMS,
    )
    assert r.status_code == 201

    r = client.get("/theme-evenings", headers=auth("caseworker"))
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 3
    assert [e["evening_id"] for e in page["items"]] == ["earlier", "early", "late"]
    one = client.get("/theme-evenings/early", headers=COMMS).json()
    assert page["items"][1] == one and one["seats_taken"] == 1 and one["version"] == 3

    everything = client.get("/theme-evenings?include_past=true", headers=COMMS).json()
    assert [e["evening_id"] for e in everything["items"]] == ["past", "earlier", "early", "late"]
    assert everything["total"] == 4
    r = client.get("/theme-evenings?include_past=true&limit=2&offset=1", headers=COMMS)
    assert [e["evening_id"] for e in r.json()["items"]] == ["earlier", "early"]
    assert r.json()["total"] == 4


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "include_past=perhaps"])
def test_a_bad_page_is_refused(client: TestClient, query: str) -> None:
    r = client.get(f"/theme-evenings?{query}", headers=COMMS)
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"


def test_only_staff_see_the_list(client: TestClient) -> None:
    assert client.get("/theme-evenings").status_code == 401
    assert client.get("/theme-evenings", headers=auth("council_admin")).status_code == 403
