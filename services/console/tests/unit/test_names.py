"""People chosen by name, not typed by id: on a council's page the members, candidates
and the elected are named; a candidate and a voter are chosen among the tilbud's
relatives named by the cases API (a user who may not read cases sees placeholders and
the cases API is not asked); the nomination carries the name; the minutes' attendees
are ticked among the members; forming a council and a newsletter choose tilbud from
the organisation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_communication_pages import sign_in_as
from services.console.tests.unit.test_pages import csrf
from services.console.tests.unit.test_tilbud_names import ORGANISATION as NAMED

ORGANISATION = {"departments": [{**NAMED["departments"][0], "centres": [
    {**NAMED["departments"][0]["centres"][0],
     "head": {"staff_id": "vest-chef", "role_da": "Områdechef"},
     "tilbud": [{"tilbud_id": "lyngen", "label_da": "Bofællesskabet Lyngen",
                 "head": {"staff_id": "lyngen-leder", "role_da": "Afdelingsleder"}}]},
    NAMED["departments"][0]["centres"][1]]}]}  # fmt: skip

COUNCIL_ID = "5b0e8f3c-1d2a-4c3b-9e8f-000000000002"
CASE_A = "00000000-0000-4000-8000-00000000000a"
COUNCIL = {
    "id": COUNCIL_ID, "version": 3, "tilbud_id": "lyngen", "kind": "relatives_council",
    "seats": {"relatives": 2, "citizens": 0, "staff": 1}, "department_head": "dh",
    "substitutes": [], "former_members": [],
    "members": [{"member_id": "m1", "kind": "staff", "person_ref": "staff-7", "seat": "S1",
                 "name": "Søren Sørensen", "term_start": "2026-01-10", "term_end": None}],
    "upcoming_election": {"due_on": None, "seats_up": []},
    "elections": [{"election_id": "e1", "held_on": "2027-01-10", "round": 1,
                   "status": "voting", "candidates": ["r1"], "votes_cast": 0,
                   "candidate_names": {"r1": "Bodil Hansen"}, "result": None}],
    "meetings": [{"meeting_id": "mt1", "kind": "council", "at": "2026-12-10T16:00:00Z",
                  "agenda": [], "minutes": None, "attendees": []}],
}  # fmt: skip
CASE = {"id": CASE_A, "relatives": [
    {"relative_id": "r1", "name": "Bodil Hansen", "relation": "daughter"},
    {"relative_id": "r2", "name": "Karl Jensen", "relation": "son"}]}  # fmt: skip


class Apis:
    def __init__(self) -> None:
        self.sent: list[httpx.Request] = []
        self.asked: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, port = request.url.path, request.url.port
        self.asked.append(f"{port}{path}")
        if request.method == "POST":
            self.sent.append(request)
            return httpx.Response(201, json={"id": COUNCIL_ID, "version": 4, "recipients": 2})
        found: Any = {
            (8104, "/organisation"): ORGANISATION,
            (8104, "/cases"): {"items": [{"case_id": CASE_A}], "total": 1},
            (8101, f"/cases/{CASE_A}"): CASE,
            (8102, f"/councils/{COUNCIL_ID}"): COUNCIL,
            (8102, f"/councils/{COUNCIL_ID}/electorate"): {
                "tilbud_id": "lyngen", "size": 3, "relative_ids": ["r2", "r1", "r3"]},
            (8103, "/newsletters"): [],
        }.get((port, path))  # fmt: skip
        if found is None:
            return httpx.Response(404, json={"code": "not_found", "message": "", "details": {}})
        return httpx.Response(200, json=found)


@pytest.fixture
def apis() -> Apis:
    return Apis()


@pytest.fixture
def client(apis: Apis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def _sign_in(client: TestClient, *roles: str) -> None:
    page = client.get("/log-ind")
    client.post("/log-ind", data={"csrf_token": csrf(page), "name": "rita", "roles": roles})


def test_voters_and_candidates_are_chosen_by_name(client: TestClient, apis: Apis) -> None:
    _sign_in(client, "council_admin", "leader")
    page = client.get(f"/raad/{COUNCIL_ID}").text
    assert "<td>Søren Sørensen</td>" in page and "staff-7" not in page
    assert '<option value="r1">Bodil Hansen (datter)</option>' in page  # voter, by name
    assert '<option value="r2">Karl Jensen (søn)</option>' in page
    assert '<option value="r3">Pårørende 1 (navnet kan ikke vises)</option>' in page
    assert 'value="r1" class="form-radio"' in page and ">Bodil Hansen</label>" in page
    assert 'name="voter_id" type="text"' not in page and 'type="text" id="voter_id"' not in page
    assert "8101/cases/" + CASE_A in apis.asked  # the cases API named the relatives


def test_a_nomination_carries_the_name_the_cases_api_gives(client: TestClient, apis: Apis) -> None:
    _sign_in(client, "council_admin", "leader")
    page = client.get(f"/raad/{COUNCIL_ID}")
    form = {"csrf_token": csrf(page), "version": "3", "election_id": "e1", "relative_id": "r2"}
    client.post(f"/raad/{COUNCIL_ID}/valg/opstil", data=form)
    [sent] = apis.sent
    assert sent.url.path == f"/councils/{COUNCIL_ID}/elections/e1/candidates"
    assert json.loads(sent.content) == {"relative_id": "r2", "name": "Karl Jensen"}


def test_without_a_case_role_the_relatives_are_not_named(client: TestClient, apis: Apis) -> None:
    _sign_in(client, "council_admin")
    page = client.get(f"/raad/{COUNCIL_ID}").text
    assert '<option value="r2">Pårørende 1 (navnet kan ikke vises)</option>' in page
    assert '<option value="r1">Bodil Hansen</option>' in page  # as the council names her
    assert not [a for a in apis.asked if a.startswith("8101") or a == "8104/cases"]


def test_the_attendees_are_ticked_among_the_members(client: TestClient, apis: Apis) -> None:
    _sign_in(client, "council_admin")
    page = client.get(f"/raad/{COUNCIL_ID}/referat")
    assert 'type="checkbox" id="attendees" name="attendees" value="staff-7"' in page.text
    assert ">Søren Sørensen</label>" in page.text
    form = {"csrf_token": csrf(page), "version": "3", "meeting_id": "mt1",
            "minutes": "Godt møde", "attendees": "staff-7"}  # fmt: skip
    client.post(f"/raad/{COUNCIL_ID}/referat", data=form)
    assert json.loads(apis.sent[0].content) == {"minutes": "Godt møde", "attendees": ["staff-7"]}


def test_a_council_is_formed_for_a_tilbud_and_heads_chosen_from_the_organisation(
    client: TestClient,
) -> None:
    _sign_in(client, "council_admin")
    page = client.get("/raad/ny").text
    assert '<optgroup label="Borgercenter Vest">' in page
    assert '<option value="lyngen">Bofællesskabet Lyngen</option>' in page
    assert 'type="text" id="tilbud_id"' not in page
    assert '<option value="vest-chef">Områdechef, Borgercenter Vest</option>' in page


def test_a_newsletter_goes_to_the_tilbud_ticked(client: TestClient, apis: Apis) -> None:
    sign_in_as(client, "communications")
    page = client.get("/kommunikation")
    assert '<legend class="form-label weight-normal">Område Nord</legend>' in page.text
    assert 'name="tilbud_ids" value="egely"' in page.text
    form = {"csrf_token": csrf(page), "tilbud_ids": ["lyngen", "egely"], "subject": "Nyt",
            "body": "Hej"}  # fmt: skip
    client.post("/kommunikation/nyhedsbrev", data=form)
    assert json.loads(apis.sent[0].content)["tilbud_ids"] == ["lyngen", "egely"]
    empty = client.post("/kommunikation/nyhedsbrev", data={**form, "tilbud_ids": []})
    assert empty.status_code == 422 and "Vælg mindst én." in empty.text
