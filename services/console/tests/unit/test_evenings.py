"""A theme evening's sign-ups by staff: a seat or the waiting list said in Danish, an
e-mail address that is not one said beside its field, a sign-up cancelled by its
number, and the evening cancelled with its version as If-Match."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_communication_pages import (
    EVENING,
    CommunicationApis,
    sign_in_as,
)
from services.console.tests.unit.test_pages import csrf

BASE = "/kommunikation/temaaftener/ev1"


class EveningApis(CommunicationApis):
    status = "registered"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/theme-evenings/ev1/registrations":
            self.sent.append(request)
            return httpx.Response(201, json={"registration_id": "reg-9", "status": self.status,
                                             "registered_at": "2026-12-03T10:00:00Z"})  # fmt: skip
        if path.startswith("/theme-evenings/ev1/registrations/"):
            self.sent.append(request)
            if path.endswith("/nope"):
                return httpx.Response(404, json={"code": "registration_not_found",
                                                 "message": "", "details": {}})  # fmt: skip
            return httpx.Response(204)
        if path == "/theme-evenings/ev1/cancel":
            self.sent.append(request)
            return httpx.Response(200, json={**EVENING, "status": "cancelled"})
        return super().__call__(request)


@pytest.fixture
def apis() -> EveningApis:
    return EveningApis()


@pytest.fixture
def client(apis: EveningApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        sign_in_as(c, "communications")
        yield c


def test_a_relative_is_signed_up_or_put_on_the_waiting_list(
    client: TestClient, apis: EveningApis
) -> None:
    page = client.get(BASE)
    form = {"csrf_token": csrf(page), "name": "Bodil Hansen", "email": "bodil@example.dk"}
    done = client.post(f"{BASE}/tilmeldinger", data=form)
    assert "Den pårørende er tilmeldt (tilmelding reg-9)." in done.text
    assert json.loads(apis.sent[0].content) == {"name": "Bodil Hansen",
                                                "email": "bodil@example.dk"}  # fmt: skip
    apis.status = "waitlisted"
    done = client.post(f"{BASE}/tilmeldinger", data=form)
    assert "Aftenen er fuld: den pårørende står på ventelisten" in done.text
    assert "Bodil" not in done.text  # the name is not kept in the session's message


def test_an_email_that_is_not_one_is_said_beside_its_field(
    client: TestClient, apis: EveningApis
) -> None:
    page = client.get(BASE)
    form = {"csrf_token": csrf(page), "name": "Bodil", "email": "bodil"}
    answer = client.post(f"{BASE}/tilmeldinger", data=form)
    assert answer.status_code == 422 and not apis.sent
    assert re.search(r'id="email-error">.*Skriv en e-mailadresse', answer.text, re.S)


def test_a_sign_up_is_cancelled_by_its_number(client: TestClient, apis: EveningApis) -> None:
    page = client.get(BASE)
    done = client.post(f"{BASE}/afmeldinger",
                       data={"csrf_token": csrf(page), "registration_id": "reg-9"})  # fmt: skip
    assert "Tilmeldingen er afmeldt." in done.text
    assert apis.sent[0].method == "DELETE"
    assert apis.sent[0].url.path == "/theme-evenings/ev1/registrations/reg-9"
    unknown = client.post(f"{BASE}/afmeldinger",
                          data={"csrf_token": csrf(page), "registration_id": "nope"})  # fmt: skip
    assert unknown.status_code == 422 and "Tilmeldingen findes ikke." in unknown.text


def test_the_evening_is_cancelled_with_its_version(client: TestClient, apis: EveningApis) -> None:
    page = client.get(BASE)
    assert "Aflys temaaftenen" in page.text
    done = client.post(f"{BASE}/aflys", data={"csrf_token": csrf(page), "version": "1"})
    assert "Temaaftenen er aflyst. De tilmeldte får besked." in done.text
    [sent] = apis.sent
    assert sent.url.path == "/theme-evenings/ev1/cancel" and sent.headers["If-Match"] == '"1"'


def test_sign_ups_open_when_the_evening_is_announced(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned = client.get(BASE).text
    assert "Tilmeldingen åbner, når temaaftenen er annonceret." in planned
    assert 'name="email"' not in planned  # no form the API would refuse
    monkeypatch.setitem(EVENING, "status", "announced")
    announced = client.get(BASE).text
    assert 'name="email"' in announced and "Tilmeldingen åbner" not in announced
