"""Long lists come a page at a time with "Forrige" and "Næste" as plain links (no
JavaScript): the case list asks the read side for one page (limit, offset) and keeps
its filters in the links; newsletters and a case's versions are paged by the console."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.domain.paging import page_number, paging
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_communication_pages import sign_in_as
from services.console.tests.unit.test_pages import CASE_ID, FakeApis, sign_in

TOTAL = 120


class ManyCases(FakeApis):
    """A read side with 120 cases and a communication service with 45 newsletters."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, dict(request.url.params)
        if path == "/cases" and request.url.port == 8104:
            self.asked.append(params)
            offset, limit = int(params["offset"]), int(params["limit"])
            items = [_case(n) for n in range(offset, min(offset + limit, TOTAL))]
            return httpx.Response(200, json={"items": items, "total": TOTAL})
        if path == "/newsletters":
            at = "2026-12-01T10:00:00+00:00"
            sent = [{"newsletter_id": f"n{n}", "subject": f"Brev {n}", "tilbud_ids": ["l"],
                     "actor": "kim", "at": at} for n in range(1, 46)]  # fmt: skip
            return httpx.Response(200, json=sent)
        if path == f"/cases/{CASE_ID}/history":
            events = [{"version": v, "type": "RelativeAdded", "actor": "karen",
                       "recorded_at": "2026-12-03T09:00:00+00:00", "data": {}}
                      for v in range(1, 61)]  # fmt: skip
            return httpx.Response(200, json=events)
        if path == f"/audit/cases/{CASE_ID}/replay":
            state = {"tilbud_id": "l", "status": "open"}
            replayed = {"version": 60, "recorded_at": "2026-12-03T09:00:00Z", "state": state}
            return httpx.Response(200, json=replayed)
        return super().__call__(request)


def _case(n: int) -> dict[str, object]:
    return {"case_id": f"{n:08d}-0000-4000-8000-000000000000", "tilbud_id": "lyngen",
            "level": 4, "leader": None, "leader_required": True, "relatives": 1,
            "updated_at": "2026-12-03T09:00:00+00:00"}  # fmt: skip


@pytest.fixture
def apis() -> ManyCases:
    return ManyCases()


@pytest.fixture
def client(apis: ManyCases) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def links(page: httpx.Response) -> dict[str, str]:
    found = re.findall(r'<a href="([^"]*)" class="button button-secondary" rel="(prev|next)"',
                       page.text)  # fmt: skip
    return {rel: href.replace("&amp;", "&") for href, rel in found}


def test_the_case_list_asks_the_read_side_for_one_page_and_keeps_the_filters(
    client: TestClient, apis: ManyCases
) -> None:
    sign_in(client)
    page = client.get("/sager?tilbud=lyngen&trin=4&side=2")
    assert apis.asked[-1] == {"tilbud_id": "lyngen", "level": "4", "limit": "50", "offset": "50"}
    assert "Viser 51–100 af 120 sager" in page.text and "Side 2 af 3" in page.text
    assert page.text.count("Åbn sag") == 50 and "Åbn sag 00000050" in page.text
    assert links(page) == {"prev": "?tilbud=lyngen&trin=4", "next": "?tilbud=lyngen&trin=4&side=3"}


def test_the_first_and_last_pages_have_no_way_further(client: TestClient) -> None:
    sign_in(client)
    first = client.get("/sager")
    assert "Viser 1–50 af 120 sager" in first.text and links(first) == {"next": "?side=2"}
    last = client.get("/sager?side=3")
    assert "Viser 101–120 af 120 sager" in last.text and links(last) == {"prev": "?side=2"}


def test_a_page_beyond_the_end_goes_to_the_last_page(client: TestClient) -> None:
    sign_in(client)
    answer = client.get("/sager?mangler_plan=ja&side=9", follow_redirects=False)
    assert (
        answer.status_code == 303 and answer.headers["location"] == "/sager?mangler_plan=ja&side=3"
    )


def test_newsletters_come_newest_first_twenty_to_a_page(client: TestClient) -> None:
    sign_in_as(client, "communications")
    first = client.get("/kommunikation")
    assert "Viser 1–20 af 45 nyhedsbreve" in first.text and "Brev 45" in first.text
    assert "Brev 25" not in first.text
    last = client.get("/kommunikation?side=3")
    assert "Viser 41–45 af 45 nyhedsbreve" in last.text and "Brev 1<" in last.text


def test_a_cases_versions_are_paged_and_the_version_links_keep_the_page(
    client: TestClient,
) -> None:
    sign_in(client, "auditor")
    page = client.get(f"/revision/sager/{CASE_ID}?side=2")
    assert "Viser 26–50 af 60 versioner" in page.text
    assert f"/revision/sager/{CASE_ID}?version=30&amp;side=2" in page.text
    assert "Version 10:" not in page.text.split('id="versions"')[1]  # but in the comparison's


def test_a_page_number_that_is_not_one_is_page_one() -> None:
    for raw in ("", "0", "-1", "x", "99999999999", "²", "٣", "9" * 5000):
        assert page_number({"side": raw}) == 1
    p = paging({"side": "2", "tilbud": "a b"}, 10, 25)
    assert (p.offset, p.pages, p.first_shown, p.last_shown) == (10, 3, 11, 20)
    assert p.next == "?tilbud=a+b&side=3" and p.previous == "?tilbud=a+b"


def test_a_number_in_the_address_that_int_cannot_read_is_no_500(client: TestClient) -> None:
    """'²' is a digit to ``isdigit`` but not to ``int``, and ``int`` refuses 5,000 digits:
    each page treats them as not given instead of failing."""
    sign_in(client, "auditor")
    for raw in ("²", "²²²²", "9" * 5000):
        assert client.get(f"/revision/sager/{CASE_ID}", params={"side": raw}).status_code == 200
        page = client.get(f"/revision/sager/{CASE_ID}", params={"version": raw})
        assert page.status_code == 200
    sign_in(client, "leader")
    for raw in ("²²²²", "9" * 5000):
        assert client.get("/raad/pulje", params={"aar": raw}).status_code < 500
