"""The communication pages against a fake communication API: a newsletter composed and
sent, a theme evening created and announced, a relative's channel preferences saved,
and the pages hidden from and refused to anyone without the role."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_pages import CASE, CASE_ID, FakeApis, csrf

EVENING = {"evening_id": "ev1", "version": 1, "title": "Økonomi i hverdagen",
           "topic": "finances", "organiser": "municipality", "organiser_name": "Kommunen",
           "starts_at": "2027-01-20T18:00:00+01:00", "location": "Lyngen", "capacity": 30,
           "status": "planned", "seats_taken": 0, "waiting": 0, "invitations": None}  # fmt: skip


class CommunicationApis(FakeApis):
    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, method = request.url.path, request.method
        if request.url.port != 8103:
            return super().__call__(request)
        if method != "GET":
            self.sent.append(request)
        if path == "/newsletters" and method == "GET":
            sent = {"newsletter_id": "n1", "subject": "Julehilsen", "tilbud_ids": ["lyngen"],
                    "actor": "kim", "at": "2026-12-01T10:00:00+00:00"}  # fmt: skip
            return httpx.Response(200, json=[sent])
        if path == "/newsletters":
            if not json.loads(request.content)["subject"].strip():
                return httpx.Response(422, json={"code": "invalid_request", "message": "",
                    "details": {"errors": [{"loc": ["body", "subject"],
                                            "type": "string_too_short"}]}})  # fmt: skip
            return httpx.Response(201, json={"id": "n2", "recipients": 3})
        if path == "/theme-evenings":
            return httpx.Response(201, json=EVENING)
        if path == "/theme-evenings/ev1":
            return httpx.Response(200, json=EVENING)
        if path == "/theme-evenings/ev1/announce":
            return httpx.Response(200, json={**EVENING, "status": "announced", "invitations": 4})
        if path.endswith("/preferences") and method == "GET":
            return httpx.Response(200, json={"preferred_channel": None, "opt_out_kinds": [],
                                             "interests": []})  # fmt: skip
        if path.endswith("/preferences"):
            return httpx.Response(200, json=json.loads(request.content))
        return httpx.Response(404, json={"code": "not_found", "message": "", "details": {}})


@pytest.fixture
def apis() -> CommunicationApis:
    return CommunicationApis()


@pytest.fixture
def client(apis: CommunicationApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def sign_in_as(client: TestClient, role: str) -> None:
    page = client.get("/log-ind")
    client.post("/log-ind", data={"csrf_token": csrf(page), "name": "kim", "roles": role})


def test_a_newsletter_is_composed_and_sent(client: TestClient, apis: CommunicationApis) -> None:
    sign_in_as(client, "communications")
    page = client.get("/kommunikation")
    assert "Julehilsen" in page.text and 'href="/kommunikation"' in page.text
    form = {"csrf_token": csrf(page), "tilbud_ids": "lyngen, egely", "subject": "Nyt fra os",
            "body": "Hej"}  # fmt: skip
    done = client.post("/kommunikation/nyhedsbrev", data=form)
    assert "Nyhedsbrevet er sendt til 3 pårørende." in done.text
    assert json.loads(apis.sent[0].content)["tilbud_ids"] == ["lyngen", "egely"]


def test_an_empty_subject_is_said_beside_its_field(client: TestClient) -> None:
    sign_in_as(client, "communications")
    page = client.get("/kommunikation")
    form = {"csrf_token": csrf(page), "tilbud_ids": "lyngen", "subject": "", "body": "Hej"}
    answer = client.post("/kommunikation/nyhedsbrev", data=form)
    assert answer.status_code == 422 and 'id="subject-error"' in answer.text


def test_a_theme_evening_is_created_and_announced(
    client: TestClient, apis: CommunicationApis
) -> None:
    sign_in_as(client, "communications")
    page = client.get("/kommunikation")
    form = {"csrf_token": csrf(page), "title": "Økonomi i hverdagen", "topic": "finances",
            "organiser": "municipality", "organiser_name": "Kommunen",
            "starts_on": "2027-01-20", "starts_time": "18:00", "location": "Lyngen",
            "capacity": "30"}  # fmt: skip
    shown = client.post("/kommunikation/temaaftener", data=form)
    assert "Temaaftenen er oprettet" in shown.text and "0 af 30 pladser" in shown.text
    sent = json.loads(apis.sent[0].content)
    assert sent["starts_at"] == "2027-01-20T18:00:00+01:00" and sent["capacity"] == 30
    done = client.post("/kommunikation/temaaftener/ev1/annoncer",
                       data={"csrf_token": csrf(shown), "version": "1"})  # fmt: skip
    assert "annonceret til 4 pårørende" in done.text
    assert apis.sent[1].headers["If-Match"] == '"1"'


def test_a_relatives_channel_preferences_are_saved(
    client: TestClient, apis: CommunicationApis
) -> None:
    sign_in_as(client, "caseworker")
    CASE["relatives"] = [{"relative_id": "r1", "name": "Bodil", "relation": "daughter",
                          "legal_role": "none", "channels": {}, "consents": []}]  # fmt: skip
    try:
        assert f"/sager/{CASE_ID}/paarorende/r1/kanaler" in client.get(f"/sager/{CASE_ID}").text
        page = client.get(f"/sager/{CASE_ID}/paarorende/r1/kanaler")
        assert "Kanalvalg for Bodil" in page.text
        form = {"csrf_token": csrf(page), "preferred_channel": "email",
                "opt_out_kinds": "newsletter", "interests": ["health", "finances"]}  # fmt: skip
        done = client.post(f"/sager/{CASE_ID}/paarorende/r1/kanaler", data=form,
                           follow_redirects=False)  # fmt: skip
    finally:
        CASE["relatives"] = []
    assert done.headers["location"] == f"/sager/{CASE_ID}"
    [sent] = apis.sent
    assert sent.method == "PUT" and json.loads(sent.content) == {
        "preferred_channel": "email", "opt_out_kinds": ["newsletter"],
        "interests": ["health", "finances"]}  # fmt: skip


def test_a_caseworker_is_shown_no_communication_page(client: TestClient) -> None:
    sign_in_as(client, "caseworker")
    assert 'href="/kommunikation"' not in client.get("/sager").text
    assert client.get("/kommunikation").status_code == 403
