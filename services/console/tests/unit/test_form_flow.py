"""Every form goes through one flow (``form_flow.handle_form``): what the console cannot
read is said before the API is asked, an API refusal is said in Danish beside its
field, a version conflict is a 409 that says so, an expired sign-in goes to the sign-in
page, and success redirects with a message. Tested through forms of every area."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from services.console.tests.unit.test_communication_pages import CommunicationApis, sign_in_as
from services.console.tests.unit.test_pages import CASE_ID, FakeApis, apis, client, csrf, sign_in

__all__ = ["apis", "client"]  # the fixtures, shared


def test_a_form_the_console_cannot_read_never_reaches_the_api(
    client: TestClient, apis: FakeApis
) -> None:
    sign_in(client)
    page = client.get(f"/sager/{CASE_ID}/klage")
    answer = client.post(f"/sager/{CASE_ID}/klage", data={"csrf_token": csrf(page)})
    assert answer.status_code == 422 and 'href="#summary"' in answer.text and not apis.sent


def test_an_expired_sign_in_while_sending_goes_to_the_sign_in_page(
    client: TestClient, apis: FakeApis
) -> None:
    sign_in(client)
    apis.answer = (401, {"code": "unauthenticated", "message": "", "details": {}})
    page = client.get("/sager/ny")
    form = {"csrf_token": csrf(page), "cpr": "0707614285", "tilbud_id": "l",
            "setting": "home_care"}  # fmt: skip
    answer = client.post("/sager/ny", data=form, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/log-ind"
    assert client.get("/sager", follow_redirects=False).headers["location"] == "/log-ind"


def test_success_redirects_with_a_message(client: TestClient, apis: FakeApis) -> None:
    sign_in(client)
    page = client.get("/sager/ny")
    form = {"csrf_token": csrf(page), "cpr": "0707614285", "tilbud_id": "l",
            "setting": "home_care"}  # fmt: skip
    answer = client.post("/sager/ny", data=form, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/sager/{CASE_ID}"
    assert "Sagen er oprettet." in client.get(f"/sager/{CASE_ID}").text


class RefusingApis(CommunicationApis):
    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/announce"):
            return httpx.Response(409, json={"code": "already_announced", "message": "",
                                             "details": {}})  # fmt: skip
        return super().__call__(request)


def test_announcing_twice_is_said_in_danish_on_the_evenings_page() -> None:
    from services.console.config import ConsoleSettings
    from services.console.entrypoints.api import create_app

    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(RefusingApis()))
    with TestClient(app, base_url="https://testserver") as client:
        sign_in_as(client, "communications")
        page = client.get("/kommunikation/temaaftener/ev1")
        form = {"csrf_token": csrf(page), "version": "1"}
        answer = client.post("/kommunikation/temaaftener/ev1/annoncer", data=form)
    assert answer.status_code == 422 and "Temaaftenen er allerede annonceret." in answer.text
    assert "<h1>" in answer.text and "Der er et problem" in answer.text
