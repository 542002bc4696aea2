"""The participant pool's forms against a fake councils API: opening a year's pool, a
council's application (the council chosen first, then its relatives ticked), a payout
by the follow group and the spending reported, each with the pool's version; who may
use which."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from services.console.tests.unit.test_council_pages import (
    COUNCIL_ID,
    POOL,
    _admin,
    council_client,
)
from services.console.tests.unit.test_more_pages import MoreApis, apis
from services.console.tests.unit.test_pages import csrf

__all__ = ["apis", "council_client"]  # the fixtures, shared


def _as(client: TestClient, role: str) -> None:
    page = client.get("/log-ind")
    client.post("/log-ind", data={"csrf_token": csrf(page), "name": "x", "roles": role})


def test_a_year_without_a_pool_offers_to_open_it(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    assert 'href="/raad/pulje/2027/aabn"' in council_client.get("/raad/pulje?aar=2027").text
    page = council_client.get("/raad/pulje/2027/aabn")
    done = council_client.post("/raad/pulje/2027/aabn", data={"csrf_token": csrf(page),
                               "amount": "80.000"}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/raad/pulje?aar=2027"
    [sent] = apis.sent
    assert sent.url.path == "/pools" and json.loads(sent.content) == {"year": 2027, "amount": 80000}


def test_a_council_applies_with_the_pools_version(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    assert 'href="/raad/pulje/2026/ansoeg"' in council_client.get("/raad/pulje?aar=2026").text
    first = council_client.get("/raad/pulje/2026/ansoeg")
    assert "Pårørenderåd på lyngen" in first.text  # the councils to choose among
    assert '<form method="get"' in first.text and 'name="raad"' in first.text
    page = council_client.get(f"/raad/pulje/2026/ansoeg?raad={COUNCIL_ID}")
    assert 'id="applying-council"' in page.text and "Pårørenderåd på lyngen" in page.text
    assert 'type="checkbox" id="initiators" name="initiators" value="r1"' in page.text
    assert "Pårørende 1 (navnet kan ikke vises)" in page.text  # no case role: no names
    form = {"csrf_token": csrf(page), "version": "2", "council_id": COUNCIL_ID,
            "activity": "Sommerudflugt", "amount": "6000", "initiators": ["r1", "r2"]}  # fmt: skip
    council_client.post("/raad/pulje/2026/ansoeg", data=form)
    [sent] = apis.sent
    assert sent.url.path == "/pools/2026/applications" and sent.headers["If-Match"] == '"2"'
    assert json.loads(sent.content) == {"council_id": COUNCIL_ID, "activity": "Sommerudflugt",
                                        "amount": 6000, "initiators": ["r1", "r2"]}  # fmt: skip


def test_the_follow_group_pays_out_and_the_admin_reports_the_spending(
    council_client: TestClient, apis: MoreApis
) -> None:
    _as(council_client, "follow_group")
    page = council_client.get("/raad/pulje/2026/ansoegninger/a1/udbetal")
    assert f'name="version" value="{POOL["version"]}"' in page.text
    council_client.post("/raad/pulje/2026/ansoegninger/a1/udbetal",
                        data={"csrf_token": csrf(page), "version": "2"})  # fmt: skip
    assert council_client.get("/raad/pulje/2026/ansoegninger/a1/forbrug").status_code == 403
    _admin(council_client)
    page = council_client.get("/raad/pulje/2026/ansoegninger/a1/forbrug")
    form = {"csrf_token": csrf(page), "version": "3", "spent": "4500"}
    council_client.post("/raad/pulje/2026/ansoegninger/a1/forbrug", data=form)
    paid, spent = apis.sent
    assert paid.url.path == "/pools/2026/applications/a1/disburse" and paid.content == b"{}"
    assert spent.url.path == "/pools/2026/applications/a1/spending"
    assert json.loads(spent.content) == {"spent": 4500} and spent.headers["If-Match"] == '"3"'


def test_a_spending_that_is_not_a_number_is_said_beside_its_field(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    apis.answer = (422, {"code": "invalid_request", "message": "", "details": {
        "errors": [{"loc": ["body", "spent"], "type": "int_parsing"}]}})  # fmt: skip
    page = council_client.get("/raad/pulje/2026/ansoegninger/a1/forbrug")
    answer = council_client.post("/raad/pulje/2026/ansoegninger/a1/forbrug",
                                 data={"csrf_token": csrf(page), "spent": "mange"})  # fmt: skip
    assert answer.status_code == 422 and 'id="spent-error"' in answer.text


def test_a_caseworker_may_use_none_of_them(council_client: TestClient) -> None:
    _as(council_client, "caseworker")
    for path in ("aabn", "ansoeg", "ansoegninger/a1/udbetal", "ansoegninger/a1/forbrug"):
        assert council_client.get(f"/raad/pulje/2026/{path}").status_code == 403
    assert council_client.get("/raad/pulje/2026/ansoegninger/a1/andet").status_code == 404
