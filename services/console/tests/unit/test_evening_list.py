"""The list of theme evenings: the communication service's page (limit, offset,
include_past) shown with Danish dates, seats of capacity, the waiting list and status;
links to each evening and its sign-up form; paged 50 at a time with plain links."""

from __future__ import annotations

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

TOTAL = 60


class ManyEvenings(CommunicationApis):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/theme-evenings" and request.method == "GET":
            params = dict(request.url.params)
            self.asked.append(params)
            offset, limit = int(params["offset"]), int(params["limit"])
            items = [_evening(n) for n in range(offset, min(offset + limit, TOTAL))]
            return httpx.Response(200, json={"items": items, "total": TOTAL})
        return super().__call__(request)


def _evening(n: int) -> dict[str, object]:
    status = "cancelled" if n == 1 else "announced"
    return {**EVENING, "evening_id": f"ev{n}", "title": f"Aften {n}", "status": status,
            "seats_taken": 30, "waiting": 4}  # fmt: skip


@pytest.fixture
def apis() -> ManyEvenings:
    return ManyEvenings()


@pytest.fixture
def client(apis: ManyEvenings) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def test_the_evenings_are_listed_in_danish_with_links(
    client: TestClient, apis: ManyEvenings
) -> None:
    sign_in_as(client, "communications")
    assert 'href="/kommunikation/temaaftener"' in client.get("/kommunikation").text
    page = client.get("/kommunikation/temaaftener")
    assert apis.asked == [{"include_past": "false", "limit": "50", "offset": "0"}]
    assert "Viser 1–50 af 60 temaaftener" in page.text
    assert '<a href="/kommunikation/temaaftener/ev0">Aften 0</a>' in page.text
    assert "20. januar 2027 kl. 18.00" in page.text and "30 af 30" in page.text
    assert "Annonceret" in page.text and "Aflyst" in page.text and "announced" not in page.text
    assert 'href="/kommunikation/temaaftener/ev0#sign-up-heading"' in page.text
    assert "/kommunikation/temaaftener/ev1#sign-up-heading" not in page.text  # cancelled


def test_the_next_page_and_past_evenings(client: TestClient, apis: ManyEvenings) -> None:
    sign_in_as(client, "communications")
    page = client.get("/kommunikation/temaaftener?tidligere=ja&side=2")
    assert apis.asked == [{"include_past": "true", "limit": "50", "offset": "50"}]
    assert "Viser 51–60 af 60 temaaftener" in page.text and "Aften 59" in page.text
    assert 'href="?tidligere=ja"' in page.text  # Forrige keeps the choice
    beyond = client.get("/kommunikation/temaaftener?side=9", follow_redirects=False)
    assert beyond.headers["location"] == "/kommunikation/temaaftener?side=2"


def test_only_communications_staff_see_the_list(client: TestClient) -> None:
    sign_in_as(client, "caseworker")
    assert client.get("/kommunikation/temaaftener").status_code == 403
