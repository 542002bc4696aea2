"""Who signed up for a theme evening: the seated, then the waiting list, with names, for
the communication staff only; cancelled and erased sign-ups show no name; paged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth

COMMS = auth("communications", "mette")
PEOPLE = [
    ("Grethe Ravnsborg", "grethe@example.dk"),
    ("Ib Kjærsgaard", "ibk@example.dk"),
    ("Søren Holm", "soren@example.dk"),
    ("Bodil Hansen", "bodil@example.dk"),
]


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def _evening_with_sign_ups(client: TestClient) -> list[str]:
    """Two seats and four people: two seated, two waiting; the first then cancels."""
    body = {
        "evening_id": "oekonomi",
        "title": "Økonomi",
        "topic": "finances",
        "organiser": "municipality",
        "organiser_name": "Aarhus Kommune",
        "starts_at": "2099-05-01T19:00:00+02:00",
        "location": "Aarhus",
        "capacity": 2,
    }
    assert client.post("/theme-evenings", json=body, headers=COMMS).status_code == 201
    assert client.post("/theme-evenings/oekonomi/announce", headers=COMMS).status_code == 200
    ids = []
    for name, email in PEOPLE:
        r = client.post(
            "/theme-evenings/oekonomi/registrations",
            json={"name": name, "email": email},
            headers=COMMS,
        )
        assert r.status_code == 201
        ids.append(r.json()["registration_id"])
    gone = client.delete(f"/theme-evenings/oekonomi/registrations/{ids[0]}", headers=COMMS)
    assert gone.status_code == 204
    return ids


def test_staff_see_the_seated_then_the_waiting_list_by_name(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    ids = _evening_with_sign_ups(client)
    r = client.get("/theme-evenings/oekonomi/sign-ups", headers=COMMS)
    assert r.status_code == 200
    page = r.json()
    assert (page["total"], page["seated"], page["waiting"]) == (3, 2, 1)
    assert [(s["name"], s["email"], s["status"], s["position"]) for s in page["items"]] == [
        ("Ib Kjærsgaard", "ibk@example.dk", "registered", 1),
        ("Søren Holm", "soren@example.dk", "registered", 2),  # moved up when Grethe left
        ("Bodil Hansen", "bodil@example.dk", "waitlisted", 1),
    ]
    assert [s["registration_id"] for s in page["items"]] == ids[1:]
    assert page["version"] == int(client.get("/theme-evenings/oekonomi", headers=COMMS)
                                  .headers["ETag"].strip('"'))  # fmt: skip
    assert not any(p in caplog.text for person in PEOPLE for p in person)  # no name logged

    second = client.get("/theme-evenings/oekonomi/sign-ups?limit=2&offset=2", headers=COMMS)
    assert [s["name"] for s in second.json()["items"]] == ["Bodil Hansen"]
    assert second.json()["total"] == 3

    one = client.get(f"/theme-evenings/oekonomi/sign-ups/{ids[3]}", headers=COMMS)
    assert one.status_code == 200 and one.json()["name"] == "Bodil Hansen"
    cancelled = client.get(f"/theme-evenings/oekonomi/sign-ups/{ids[0]}", headers=COMMS)
    assert (cancelled.status_code, cancelled.json()["code"]) == (404, "registration_not_found")


def test_an_erased_registrant_is_listed_without_name(client: TestClient) -> None:
    ids = _evening_with_sign_ups(client)
    erasure = client.app.state.service.evenings.follower.erasure  # type: ignore[attr-defined]
    erasure.destroy("oekonomi", ids[1], "retention: 30 days after the evening")
    items = client.get("/theme-evenings/oekonomi/sign-ups", headers=COMMS).json()["items"]
    assert items[0] == {
        "registration_id": ids[1],
        "status": "registered",
        "position": 1,
        "registered_at": items[0]["registered_at"],
        "name": None,
        "email": None,
        "erased": True,
    }
    assert [s["name"] for s in items[1:]] == ["Søren Holm", "Bodil Hansen"]


def test_only_the_communication_staff_may_read_names(client: TestClient) -> None:
    _evening_with_sign_ups(client)
    for role in ("caseworker", "leader", "auditor", "integration"):
        r = client.get("/theme-evenings/oekonomi/sign-ups", headers=auth(role))
        assert (r.status_code, r.json()["code"]) == (403, "forbidden"), role
    r = client.get("/theme-evenings/nope/sign-ups", headers=COMMS)
    assert (r.status_code, r.json()["code"]) == (404, "theme_evening_not_found")
    assert client.get("/theme-evenings/oekonomi/sign-ups?limit=0", headers=COMMS).status_code == 422
    spec = client.get("/openapi.json").json()["paths"]["/theme-evenings/{evening_id}/sign-ups"]
    assert {"200", "401", "403", "404", "422"} <= set(spec["get"]["responses"])
