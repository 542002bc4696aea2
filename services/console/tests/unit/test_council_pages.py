"""The councils pages against a fake of the read side and the councils API: every
council, one council with its election result and draw, the pool, the follow group's
decision, and who is shown and refused what."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_more_pages import MoreApis, apis
from services.console.tests.unit.test_pages import csrf, sign_in

__all__ = ["apis"]  # the fixture, shared


COUNCIL_ID = "5b0e8f3c-1d2a-4c3b-9e8f-000000000001"
COUNCIL = {
    "id": COUNCIL_ID, "version": 7, "tilbud_id": "lyngen", "kind": "relatives_council",
    "seats": {"relatives": 4, "citizens": 0, "staff": 1}, "department_head": "dh",
    "substitutes": ["r9"],
    "members": [{"member_id": "m1", "kind": "relative", "person_ref": "r1", "seat": "R1",
                 "term_start": "2026-01-10", "term_end": "2028-01-10"},
                {"member_id": "m2", "kind": "ex_officio", "person_ref": "dh",
                 "seat": "ex_officio", "term_start": "2026-01-10", "term_end": None}],
    "upcoming_election": {"due_on": "2028-01-10", "seats_up": ["R1"]},
    "elections": [{"election_id": "e1", "held_on": "2026-01-10", "round": 1,
                   "status": "closed", "candidates": ["r1", "r2"], "votes_cast": 4,
                   "result": {"seed": 42, "ties": [["r1", "r2"]], "draw_order": ["r2", "r1"],
                              "elected": [{"relative_id": "r1", "seat": "R1", "votes": 2,
                                           "term_start": "2026-01-10",
                                           "term_end": "2028-01-10", "term_years": 2}]}}],
    "meetings": [],
}  # fmt: skip
POOL = {"id": COUNCIL_ID, "version": 2, "year": 2026, "amount": 20000, "granted_total": 5000,
        "balance": 15000, "applications": [{"activity": "Sommerudflugt", "requested": 6000,
        "status": "granted", "granted": 5000, "reason": "Halvdelen af bussen",
        "decided_by": {"actor": "fg1", "decided_as": "member"}, "spent": None}]}  # fmt: skip


@pytest.fixture
def council_client(apis: MoreApis) -> Iterator[TestClient]:
    def answer(request: httpx.Request) -> httpx.Response:
        path, port = request.url.path, request.url.port
        if port == 8104 and path == "/councils":
            return httpx.Response(200, json=[{"council_id": COUNCIL_ID, "tilbud_id": "lyngen",
                "kind": "relatives_council", "seats": 5, "members": 1, "meetings": 0,
                "last_election_at": "2026-01-10"}])  # fmt: skip
        if port == 8102 and path == f"/councils/{COUNCIL_ID}":
            return httpx.Response(200, json=COUNCIL)
        if port == 8102 and path == f"/councils/{COUNCIL_ID}/electorate":
            return httpx.Response(200, json={"tilbud_id": "lyngen", "size": 2,
                                             "relative_ids": ["r1", "r2"]})  # fmt: skip
        if port == 8102 and path == "/pools/2026":
            return httpx.Response(200, json=POOL)
        if port == 8102 and path.startswith("/pools/") and request.method == "GET":
            return httpx.Response(
                404, json={"code": "pool_not_found", "message": "", "details": {}}
            )
        return apis(request)

    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(answer))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def test_a_council_admin_reads_the_councils_the_election_result_and_the_pool(
    council_client: TestClient,
) -> None:
    page = council_client.get("/log-ind")
    form = {"csrf_token": csrf(page), "name": "rita", "roles": "council_admin"}
    assert "Overblik for kommunen" in council_client.post("/log-ind", data=form).text
    listed = council_client.get("/raad").text
    assert 'href="/raad"' in listed and f'href="/raad/{COUNCIL_ID}"' in listed
    page = council_client.get(f"/raad/{COUNCIL_ID}").text
    assert "Pårørenderåd på lyngen" in page and 'id="members"' in page
    assert "4 til pårørende, 0 til borgere, 1 til medarbejdere" in page
    assert "lodtrækning (frø 42)" in page and "r2, r1" in page
    assert "ex_officio" not in page and "Afdelingsleder (født medlem)" in page
    assert "2 kandidater" in page and "4 stemmer afgivet" in page
    pool = council_client.get("/raad/pulje?aar=2026").text
    assert 'id="pool-balance">15000 kr.' in pool and "Halvdelen af bussen" in pool
    assert "medlem af følgegruppen" in pool
    assert "ikke åbnet en deltagerpulje for 2030" in council_client.get("/raad/pulje?aar=2030").text


def test_a_caseworker_is_shown_no_councils(council_client: TestClient) -> None:
    sign_in(council_client)
    assert 'href="/raad"' not in council_client.get("/sager").text
    assert council_client.get("/raad").status_code == 403


def test_the_follow_group_grants_an_application_with_if_match(
    council_client: TestClient, apis: MoreApis
) -> None:
    POOL["applications"][0].update(status="applied", decided_by=None, application_id="a1",
                                   initiators=["r1"])  # fmt: skip
    try:
        page = council_client.get("/log-ind")
        form = {"csrf_token": csrf(page), "name": "fg1", "roles": "follow_group"}
        council_client.post("/log-ind", data=form)
        pool = council_client.get("/raad/pulje?aar=2026").text
        assert 'href="/raad/pulje/2026/ansoegninger/a1"' in pool
        shown = council_client.get("/raad/pulje/2026/ansoegninger/a1")
        reject = {"csrf_token": csrf(shown), "decision": "reject"}
        empty = council_client.post("/raad/pulje/2026/ansoegninger/a1", data=reject)
        assert empty.status_code == 422 and 'id="reason-error"' in empty.text
        done = council_client.post(
            "/raad/pulje/2026/ansoegninger/a1", follow_redirects=False,
            data={"csrf_token": csrf(shown), "version": "2", "decision": "grant", "amount": "4000"},
        )  # fmt: skip
    finally:
        POOL["applications"][0].update(status="granted", decided_by={"actor": "fg1",
                                       "decided_as": "member"})  # fmt: skip
    assert done.headers["location"] == "/raad/pulje?aar=2026"
    [sent] = apis.sent
    assert sent.url.path == "/pools/2026/applications/a1/grant"
    assert sent.headers["If-Match"] == '"2"' and json.loads(sent.content) == {"amount": 4000}


def test_a_council_admin_is_shown_no_decision(council_client: TestClient) -> None:
    page = council_client.get("/log-ind")
    council_client.post("/log-ind", data={"csrf_token": csrf(page), "name": "rita",
                                          "roles": "council_admin"})  # fmt: skip
    assert "ansoegninger/" not in council_client.get("/raad/pulje?aar=2026").text
    assert council_client.get("/raad/pulje/2026/ansoegninger/a1").status_code == 403


def test_someone_without_a_case_role_starts_on_the_dashboards(council_client: TestClient) -> None:
    page = council_client.get("/log-ind")
    form = {"csrf_token": csrf(page), "name": "rita", "roles": "council_admin"}
    done = council_client.post("/log-ind", data=form, follow_redirects=False)
    assert done.headers["location"] == "/overblik"
    assert 'href="/sager"' not in council_client.get("/overblik").text


def _admin(client: TestClient) -> None:
    page = client.get("/log-ind")
    client.post("/log-ind", data={"csrf_token": csrf(page), "name": "rita",
                                  "roles": "council_admin"})  # fmt: skip


def test_a_council_admin_calls_an_election_and_records_a_vote(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    page = council_client.get(f"/raad/{COUNCIL_ID}")
    assert "Udskriv valg" in page.text
    done = council_client.post(f"/raad/{COUNCIL_ID}/valg/udskriv", follow_redirects=False,
                               data={"csrf_token": csrf(page), "version": "7",
                                     "held_on": "2027-03-01"})  # fmt: skip
    assert done.headers["location"] == f"/raad/{COUNCIL_ID}"
    vote = council_client.post(f"/raad/{COUNCIL_ID}/valg/stem", follow_redirects=False,
                               data={"csrf_token": csrf(page), "version": "7",
                                     "election_id": "e2", "voter_id": "r5",
                                     "candidate_id": "r1"})  # fmt: skip
    assert vote.status_code == 303
    called, voted = apis.sent
    assert called.url.path == f"/councils/{COUNCIL_ID}/elections"
    assert json.loads(called.content) == {"held_on": "2027-03-01"}
    assert called.headers["If-Match"] == '"7"'
    assert voted.url.path == f"/councils/{COUNCIL_ID}/elections/e2/votes"
    assert json.loads(voted.content) == {"voter_id": "r5", "candidate_id": "r1"}


def test_an_election_error_is_danish_on_the_council_page(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    apis.answer = (409, {"code": "already_voted", "message": "", "details": {}})
    page = council_client.get(f"/raad/{COUNCIL_ID}")
    answer = council_client.post(f"/raad/{COUNCIL_ID}/valg/stem",
                                 data={"csrf_token": csrf(page), "version": "7",
                                       "election_id": "e2", "voter_id": "r5",
                                       "candidate_id": "r1"})  # fmt: skip
    assert answer.status_code == 422 and "Den pårørende har allerede stemt." in answer.text


def test_only_a_council_admin_is_shown_and_may_use_the_election_forms(
    council_client: TestClient,
) -> None:
    page = council_client.get("/log-ind")
    council_client.post("/log-ind", data={"csrf_token": csrf(page), "name": "lene",
                                          "roles": "leader"})  # fmt: skip
    shown = council_client.get(f"/raad/{COUNCIL_ID}")
    assert "/valg/" not in shown.text
    form = {"csrf_token": csrf(shown), "held_on": "2027-03-01"}
    answer = council_client.post(f"/raad/{COUNCIL_ID}/valg/udskriv", data=form)
    assert answer.status_code == 403


def test_an_election_conflict_is_a_409_that_says_someone_else_changed_it(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    apis.answer = (409, {"code": "version_conflict", "message": "",
                         "details": {"current_version": 8}})  # fmt: skip
    page = council_client.get(f"/raad/{COUNCIL_ID}")
    form = {"csrf_token": csrf(page), "version": "7", "held_on": "2027-03-01"}
    answer = council_client.post(f"/raad/{COUNCIL_ID}/valg/udskriv", data=form)
    assert answer.status_code == 409 and "ændret af en anden" in answer.text
