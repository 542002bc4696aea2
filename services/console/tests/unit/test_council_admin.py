"""The council administrator's forms against a fake councils API: forming a council,
appointing a member, a resignation chosen among the members, a meeting with its agenda;
the council's version as If-Match, Danish errors beside their fields, and nobody else
shown or let in."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from services.console.tests.unit.test_council_pages import COUNCIL_ID, _admin, council_client
from services.console.tests.unit.test_more_pages import MoreApis, apis
from services.console.tests.unit.test_pages import csrf

__all__ = ["apis", "council_client"]  # the fixtures, shared

NEW = {"tilbud_id": "lyngen", "kind": "relatives_council", "purpose": "At samarbejde",
       "tasks": "Møder", "function": "Rådgivende", "relatives": "4", "citizens": "0",
       "staff": "1", "centre_head": "ch1", "department_head": "dh1",
       "agreed_on": "2026-11-01"}  # fmt: skip


def test_a_council_admin_forms_a_council(council_client: TestClient, apis: MoreApis) -> None:
    _admin(council_client)
    listed = council_client.get("/raad")
    assert 'href="/raad/ny"' in listed.text
    page = council_client.get("/raad/ny")
    assert "Pårørenderåd" in page.text and 'name="purpose"' in page.text
    apis.answer = (201, {"id": COUNCIL_ID, "version": 1})
    done = council_client.post("/raad/ny", data={"csrf_token": csrf(page), **NEW},
                               follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == f"/raad/{COUNCIL_ID}"
    [sent] = apis.sent
    assert sent.url.path == "/councils" and "If-Match" not in sent.headers
    assert json.loads(sent.content) == {
        "tilbud_id": "lyngen", "kind": "relatives_council",
        "frame": {"purpose": "At samarbejde", "tasks": "Møder", "function": "Rådgivende"},
        "seats": {"relatives": 4, "citizens": 0, "staff": 1},
        "agreement": {"centre_head": "ch1", "department_head": "dh1", "agreed_on": "2026-11-01"},
    }  # fmt: skip


def test_an_empty_council_form_is_answered_beside_each_field(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    page = council_client.get("/raad/ny")
    answer = council_client.post("/raad/ny", data={"csrf_token": csrf(page)})
    assert answer.status_code == 422 and not apis.sent
    for name in ("tilbud_id", "kind", "purpose", "agreed_on"):
        assert f'href="#{name}"' in answer.text and f'id="{name}-error"' in answer.text


def test_appointing_a_member_sends_the_councils_version(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    shown = council_client.get(f"/raad/{COUNCIL_ID}")
    assert f'href="/raad/{COUNCIL_ID}/medlem"' in shown.text
    page = council_client.get(f"/raad/{COUNCIL_ID}/medlem")
    form = {"csrf_token": csrf(page), "version": "7", "kind": "staff", "person_ref": "u42",
            "term_start": "2027-01-01"}  # fmt: skip
    done = council_client.post(f"/raad/{COUNCIL_ID}/medlem", data=form, follow_redirects=False)
    assert done.status_code == 303
    [sent] = apis.sent
    assert sent.url.path == f"/councils/{COUNCIL_ID}/members"
    assert sent.headers["If-Match"] == '"7"'
    assert json.loads(sent.content) == {"kind": "staff", "person_ref": "u42", "name": None,
                                        "term_start": "2027-01-01", "term_end": None}  # fmt: skip


def test_a_resignation_is_chosen_among_the_members(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    page = council_client.get(f"/raad/{COUNCIL_ID}/udtraedelse")
    assert re.search(r'value="m1".*\n.*R1: r1', page.text)
    form = {"csrf_token": csrf(page), "version": "7", "member_id": "m1", "on": "2027-02-01"}
    council_client.post(f"/raad/{COUNCIL_ID}/udtraedelse", data=form)
    [sent] = apis.sent
    assert sent.url.path == f"/councils/{COUNCIL_ID}/members/m1/resign"
    assert json.loads(sent.content) == {"on": "2027-02-01"}


def test_a_meeting_is_called_with_its_agenda_in_copenhagen_time(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    page = council_client.get(f"/raad/{COUNCIL_ID}/moede")
    form = {"csrf_token": csrf(page), "version": "7", "kind": "council_meeting",
            "at": "2027-01-20", "at_time": "17:00", "agenda": "Velkomst\n\nBudget\n"}  # fmt: skip
    council_client.post(f"/raad/{COUNCIL_ID}/moede", data=form)
    [sent] = apis.sent
    assert json.loads(sent.content) == {"kind": "council_meeting",
                                        "at": "2027-01-20T17:00:00+01:00",
                                        "agenda": ["Velkomst", "Budget"]}  # fmt: skip


def test_the_apis_refusal_is_danish_beside_its_field(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    apis.answer = (422, {"code": "term_end_before_start", "message": "", "details": {}})
    page = council_client.get(f"/raad/{COUNCIL_ID}/medlem")
    form = {"csrf_token": csrf(page), "version": "7", "kind": "citizen", "person_ref": "c1",
            "term_start": "2027-01-01", "term_end": "2026-01-01"}  # fmt: skip
    answer = council_client.post(f"/raad/{COUNCIL_ID}/medlem", data=form)
    assert answer.status_code == 422
    assert re.search(r'id="term_end-error">.*Valgperioden kan ikke slutte', answer.text, re.S)


def test_nobody_but_a_council_admin_is_shown_or_let_in(council_client: TestClient) -> None:
    page = council_client.get("/log-ind")
    council_client.post("/log-ind", data={"csrf_token": csrf(page), "name": "lene",
                                          "roles": "leader"})  # fmt: skip
    assert "/medlem" not in council_client.get(f"/raad/{COUNCIL_ID}").text
    assert 'href="/raad/ny"' not in council_client.get("/raad").text
    assert council_client.get(f"/raad/{COUNCIL_ID}/medlem").status_code == 403
    assert council_client.get("/raad/ny").status_code == 403
    assert council_client.get(f"/raad/{COUNCIL_ID}/noget-andet").status_code == 403
