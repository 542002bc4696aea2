"""The dashboards for a department and a citizen centre (the read side's roll-ups) beside
the municipality and one tilbud, chosen from the organisation as plain links."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.domain.dashboard_scope import Scope, scope_from
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_more_pages import MoreApis
from services.console.tests.unit.test_pages import sign_in

ORGANISATION = {"departments": [{
    "department_id": "sundhed-og-omsorg", "label_da": "Sundhed og Omsorg",
    "centres": [{"centre_id": "mso-nord", "label_da": "Område Nord",
                 "tilbud": [{"tilbud_id": "egely", "label_da": "Egely", "staff": 48}]}],
}]}  # fmt: skip


class OrganisedApis(MoreApis):
    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.port == 8104 and request.url.path == "/organisation":
            return httpx.Response(200, json=ORGANISATION)
        return super().__call__(request)


@pytest.fixture
def apis() -> OrganisedApis:
    fake = OrganisedApis()
    fake.seen = []
    return fake


@pytest.fixture
def client(apis: OrganisedApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def test_a_centres_dashboard_is_the_read_sides_roll_up_with_its_name(
    client: TestClient, apis: OrganisedApis
) -> None:
    sign_in(client, "leader")
    page = client.get("/overblik?center=mso-nord").text
    assert "<h1>Overblik for Område Nord</h1>" in page
    assert any(r.url.path == "/dashboards/centres/mso-nord" for r in apis.seen)
    assert 'src="/overblik/diagrammer/complaints.svg?center=mso-nord"' in page
    assert '<a href="/overblik?center=mso-nord" aria-current="page">Område Nord</a>' in page
    client.get("/overblik/diagrammer/complaints.svg?center=mso-nord")
    assert apis.seen[-1].url.path == "/dashboards/centres/mso-nord/charts/complaints.svg"


def test_a_departments_dashboard_and_the_links_to_every_unit(
    client: TestClient, apis: OrganisedApis
) -> None:
    sign_in(client, "leader")
    page = client.get("/overblik?afdeling=sundhed-og-omsorg").text
    assert "<h1>Overblik for Sundhed og Omsorg</h1>" in page
    assert any(r.url.path == "/dashboards/departments/sundhed-og-omsorg" for r in apis.seen)
    for link in ("?afdeling=sundhed-og-omsorg", "?center=mso-nord", "?tilbud=egely"):
        assert f'href="/overblik{link}"' in page


def test_the_municipality_is_shown_when_nothing_is_chosen(client: TestClient) -> None:
    sign_in(client, "leader")
    assert "<h1>Overblik for kommunen</h1>" in client.get("/overblik").text


def test_the_most_specific_unit_wins_and_ids_are_quoted_into_the_path() -> None:
    assert scope_from({"afdeling": "a", "center": "c"}) == Scope("centre", "c")
    assert scope_from({"tilbud": " t ", "center": "c"}) == Scope("tilbud", "t")
    assert Scope("centre", "a/b").api_path == "/dashboards/centres/a%2Fb"
    assert Scope().api_path == "/dashboards/municipality" and Scope().query == ""
