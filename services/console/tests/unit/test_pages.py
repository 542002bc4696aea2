"""The console's pages against a fake of the other services' APIs (no browser): session
cookie flags, CSRF on every form, sign-in and sign-out, Danish
errors beside their fields, and a version conflict that shows what changed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app

CASE_ID = "e750e2c2-c305-56e5-b95d-2cbf7898410f"
CATALOGUE = {
    "levels": [
        {"level": n, "label_da": f"Niveau {n}", "characteristics": [], "focus_areas": []}
        for n in (1, 2, 3, 4)
    ],
    "move_in_checklist": [{"code": "finances", "label_da": "Økonomi"}],
}
CASE = {
    "id": CASE_ID, "version": 3, "tilbud_id": "lyngen", "setting": "nursing_home",
    "status": "open", "created_on": "2026-12-03T08:00:00+00:00", "opened_by": "anna",
    "level": None, "level_history": [], "leader": None, "leader_required": False,
    "handling_plan": None, "relatives": [], "move_in_conversation": None, "agreements": [],
    "incidents": [], "complaints": [], "planned_move_in": None,
}  # fmt: skip


class FakeApis:
    """Answers as the cases API and the read side would; remembers what was sent."""

    def __init__(self) -> None:
        self.sent: list[httpx.Request] = []
        self.answer: tuple[int, dict[str, Any]] = (201, {"case_id": CASE_ID, "version": 4})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST":
            self.sent.append(request)
            return httpx.Response(self.answer[0], json=self.answer[1])
        if path == "/catalogue/staircase":
            return httpx.Response(200, json=CATALOGUE)
        if path == "/cases" and request.url.port == 8104:
            return httpx.Response(200, json={"items": [], "total": 0})
        if path == f"/cases/{CASE_ID}/history":
            change = {"version": 4, "type": "RelativeAdded", "actor": "karen",
                      "recorded_at": "2026-12-03T09:00:00+00:00", "data": {}}  # fmt: skip
            return httpx.Response(200, json=[change])
        if path == f"/cases/{CASE_ID}":
            return httpx.Response(200, json=CASE)
        return httpx.Response(404, json={"code": "case_not_found", "message": "", "details": {}})


@pytest.fixture
def apis() -> FakeApis:
    return FakeApis()


@pytest.fixture
def client(apis: FakeApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def csrf(page: httpx.Response) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def sign_in(client: TestClient, role: str = "caseworker") -> None:
    page = client.get("/log-ind")
    done = client.post("/log-ind", data={"csrf_token": csrf(page), "name": "anna", "roles": role})
    assert done.status_code == 200 and "<h1>Sager</h1>" in done.text


def test_pages_need_a_sign_in(client: TestClient) -> None:
    answer = client.get("/sager", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/log-ind"


def test_the_session_cookie_is_signed_http_only_secure_and_same_site_lax(
    client: TestClient,
) -> None:
    cookie = client.get("/log-ind").headers["set-cookie"].lower()
    assert cookie.startswith("pkraft_console=")
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie


def test_a_form_without_the_csrf_token_is_refused(client: TestClient, apis: FakeApis) -> None:
    sign_in(client)
    answer = client.post("/sager/ny", data={"cpr": "0707614285", "tilbud_id": "l"})
    assert answer.status_code == 403 and "Formularen er udløbet" in answer.text
    assert not apis.sent


def test_sign_in_with_no_role_is_said_beside_the_field(client: TestClient) -> None:
    page = client.get("/log-ind")
    answer = client.post("/log-ind", data={"csrf_token": csrf(page), "name": "anna"})
    assert answer.status_code == 422
    assert 'href="#roles"' in answer.text and 'id="roles-error"' in answer.text


def test_sign_out_forgets_the_session(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/sager")
    assert "Du er logget af" in client.post("/log-ud", data={"csrf_token": csrf(page)}).text
    assert client.get("/sager", follow_redirects=False).status_code == 303


def test_the_token_sent_to_the_apis_carries_the_chosen_roles(
    client: TestClient, apis: FakeApis
) -> None:
    sign_in(client, "leader")
    page = client.get(f"/sager/{CASE_ID}/leder")
    client.post(f"/sager/{CASE_ID}/leder", data={"csrf_token": csrf(page), "version": "3"})
    [sent] = apis.sent
    assert sent.headers["If-Match"] == '"3"'
    token = sent.headers["Authorization"].removeprefix("Bearer ")
    import jwt

    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sub"] == "anna" and claims["roles"] == ["leader"]


def test_an_api_error_is_danish_beside_its_field(client: TestClient, apis: FakeApis) -> None:
    sign_in(client)
    apis.answer = (422, {"code": "invalid_cpr", "message": "x", "details": {"field": "cpr"}})
    page = client.get("/sager/ny")
    form = {"csrf_token": csrf(page), "cpr": "1", "tilbud_id": "l", "setting": "home_care"}
    answer = client.post("/sager/ny", data=form)
    assert answer.status_code == 422
    assert re.search(r'id="cpr-error">.*Skriv CPR-nummeret', answer.text, re.S)
    assert 'href="#cpr"' in answer.text and json.loads(apis.sent[0].content)["cpr"] == "1"


def test_a_version_conflict_shows_what_changed_and_offers_the_current_version(
    client: TestClient, apis: FakeApis
) -> None:
    sign_in(client)
    apis.answer = (
        409,
        {"code": "version_conflict", "message": "", "details": {"current_version": 4}},
    )
    page = client.get(f"/sager/{CASE_ID}/haendelse")
    form = {"csrf_token": csrf(page), "version": "2", "kind": "threat", "occurred_at": "2026-12-01",
            "occurred_time": "10:00", "description": "Trussel"}  # fmt: skip
    answer = client.post(f"/sager/{CASE_ID}/haendelse", data=form)
    assert answer.status_code == 409
    assert "Sagen er ændret af en anden, siden du åbnede den" in answer.text
    assert "Pårørende tilføjet af karen" in answer.text
    assert 'name="version" value="3"' in answer.text  # the case as it is now
    assert ">Trussel</textarea>" in answer.text  # what the user typed is kept


def test_an_unknown_case_is_a_danish_page(client: TestClient) -> None:
    sign_in(client)
    answer = client.get("/sager/00000000-0000-4000-8000-000000000000")
    assert answer.status_code == 404 and "Sagen findes ikke" in answer.text


def test_an_unexpected_failure_is_a_danish_page_not_json(apis: FakeApis) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/cases/"):
            raise RuntimeError("a bug")
        return apis(request)

    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(broken))
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        sign_in(client)
        answer = client.get(f"/sager/{CASE_ID}")
    assert answer.status_code == 500 and "Der skete en uventet fejl" in answer.text


def test_withdrawing_a_consent_is_confirmed_first(client: TestClient, apis: FakeApis) -> None:
    sign_in(client)
    apis.answer = (200, {"case_id": CASE_ID, "version": 4})
    CASE["relatives"] = [{"relative_id": "r1", "name": "Bodil", "relation": "daughter",
                          "legal_role": "none", "channels": {}, "consents": []}]  # fmt: skip
    try:
        page = client.get(
            f"/sager/{CASE_ID}/samtykke/tilbagekald?paarorende=r1&omfang=send_messages"
        )
        assert "sende beskeder" in page.text and not apis.sent
        form = {"csrf_token": csrf(page), "version": "3", "relative_id": "r1",
                "scope": "send_messages", "form": "written"}  # fmt: skip
        client.post(f"/sager/{CASE_ID}/samtykke/tilbagekald", data=form)
    finally:
        CASE["relatives"] = []
    [sent] = apis.sent
    assert sent.url.path == f"/cases/{CASE_ID}/relatives/r1/consents/withdraw"
    assert json.loads(sent.content) == {"scope": "send_messages", "form": "written"}
