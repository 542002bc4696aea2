"""Tilbud are chosen from the organisation (grouped by citizen centre, a plain form) and
shown by their Danish name, never their id; the organisation is kept briefly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.application_insight import Insight
from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_more_pages import MoreApis
from services.console.tests.unit.test_pages import CASE_ID, csrf, sign_in

ORGANISATION = {"departments": [{
    "department_id": "sundhed", "label_da": "Sundhed og Omsorg",
    "centres": [
        {"centre_id": "vest", "label_da": "Borgercenter Vest",
         "tilbud": [{"tilbud_id": "lyngen", "label_da": "Bofællesskabet Lyngen"}]},
        {"centre_id": "nord", "label_da": "Område Nord",
         "tilbud": [{"tilbud_id": "egely", "label_da": "Plejehjemmet Egely"}]},
    ],
}]}  # fmt: skip
LISTED = {
    "case_id": CASE_ID,
    "tilbud_id": "lyngen",
    "level": None,
    "leader": None,
    "leader_required": False,
    "relatives": 0,
    "updated_at": "2026-12-03T09:00:00+00:00",
}
COUNCILS = [{"council_id": "c1", "tilbud_id": "lyngen", "kind": "relatives_council",
             "seats": 5, "members": 1, "meetings": 0, "last_election_at": None}]  # fmt: skip


class NamedApis(MoreApis):
    organisation_up = True

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, port = request.url.path, request.url.port
        if port == 8104 and path == "/organisation":
            self.seen.append(request)
            if not self.organisation_up:
                return httpx.Response(503, json={"code": "service_unavailable"})
            return httpx.Response(200, json=ORGANISATION)
        if port == 8104 and path == "/cases":
            self.seen.append(request)
            return httpx.Response(200, json={"items": [LISTED], "total": 1})
        if port == 8104 and path == "/councils":
            return httpx.Response(200, json=COUNCILS)
        return super().__call__(request)


@pytest.fixture
def apis() -> NamedApis:
    fake = NamedApis()
    fake.seen = []
    return fake


@pytest.fixture
def client(apis: NamedApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def test_opening_a_case_offers_the_tilbud_grouped_by_citizen_centre(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/sager/ny").text
    assert '<select class="form-select" id="tilbud_id" name="tilbud_id"' in page
    assert '<optgroup label="Borgercenter Vest">' in page
    assert '<option value="lyngen">Bofællesskabet Lyngen</option>' in page
    assert "Tilbuddets id" not in page


def test_an_empty_form_keeps_the_chosen_tilbud(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/sager/ny")
    again = client.post("/sager/ny", data={"csrf_token": csrf(page), "tilbud_id": "egely"})
    assert again.status_code == 422
    assert '<option value="egely" selected>Plejehjemmet Egely</option>' in again.text


def test_the_case_and_the_case_list_name_the_tilbud(client: TestClient) -> None:
    sign_in(client)
    case = client.get(f"/sager/{CASE_ID}").text
    assert "<title>Sag på Bofællesskabet Lyngen" in case
    assert "<h1>Sag på Bofællesskabet Lyngen</h1>" in case
    listed = client.get("/sager?tilbud=lyngen").text
    assert "<td>Bofællesskabet Lyngen</td>" in listed
    assert '<option value="lyngen" selected>Bofællesskabet Lyngen</option>' in listed
    assert '<option value="">Alle tilbud</option>' in listed


def test_the_dashboard_filter_and_the_councils_name_the_tilbud(client: TestClient) -> None:
    sign_in(client, "leader")
    page = client.get("/overblik?tilbud=egely").text
    assert '<option value="egely" selected>Plejehjemmet Egely</option>' in page
    assert '<option value="">Hele kommunen</option>' in page
    councils = client.get("/raad").text
    assert ">Bofællesskabet Lyngen<span" in councils


def test_the_organisation_is_asked_once_for_many_pages(client: TestClient, apis: NamedApis) -> None:
    sign_in(client)
    for _ in range(3):
        client.get(f"/sager/{CASE_ID}")
        client.get("/sager/ny")
    assert sum(r.url.path == "/organisation" for r in apis.seen) == 1


def test_without_the_organisation_the_ids_are_shown_and_typed(
    client: TestClient, apis: NamedApis
) -> None:
    apis.organisation_up = False
    sign_in(client)
    assert "<h1>Sag på lyngen</h1>" in client.get(f"/sager/{CASE_ID}").text
    page = client.get("/sager/ny").text
    assert 'type="text" id="tilbud_id" name="tilbud_id"' in page


class CountingApis:
    def __init__(self) -> None:
        self.asked = 0

    async def get(self, service: str, path: str, token: str, params: Any = None) -> Any:
        self.asked += 1
        return ORGANISATION


async def test_the_organisation_is_asked_again_after_a_minute() -> None:
    now = [0.0]
    fake = CountingApis()
    insight = Insight(fake, lambda: now[0])  # type: ignore[arg-type]
    user: Any = type("U", (), {"token": "t"})()
    assert (await insight.tilbud_names(user))["egely"] == "Plejehjemmet Egely"
    now[0] = 59.0
    await insight.organisation(user)
    assert fake.asked == 1
    now[0] = 60.0
    await insight.organisation(user)
    assert fake.asked == 2


def test_the_error_summary_names_each_empty_field_and_links_to_it(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/sager/ny")
    again = client.post("/sager/ny", data={"csrf_token": csrf(page)})
    assert again.status_code == 422
    summary = again.text.split('id="error-summary-list"')[1].split("</ul>")[0]
    assert (
        '<a href="#cpr" class="function-link">Borgerens CPR-nummer: Feltet skal udfyldes.</a>'
        in summary
    )
    assert '<a href="#tilbud_id" class="function-link">Tilbud: Feltet skal udfyldes.</a>' in summary
    assert (
        '<a href="#setting" class="function-link">Hvilken slags tilbud får borgeren? '
        "Feltet skal udfyldes.</a>"
    ) in summary
    assert "<!--error-summary-->" not in again.text
    assert again.text.index('id="error-summary-list"') < again.text.index('id="cpr"')
    beside = '<span class="sr-only">Fejl: </span>Feltet skal udfyldes.</span>'
    assert again.text.count(beside) == 3  # beside each field, the sentence alone
