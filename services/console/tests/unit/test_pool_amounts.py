"""Amounts in kroner on the participant pool's forms and the follow group's decision:
whole kroner, with a point (or a space) only between groups of three digits. "10.00"
opened a pool of 1.000 kr. (every point and space was dropped); now it, like "3.5",
"1.2.3" or "1 0 0", is refused beside its field in Danish, and nothing is sent. The
decision refused "80.000" (it read plain digits only); it is now 80000 kr."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from services.console.domain.forms_communication import pool_decision
from services.console.domain.forms_pool import APPLY, OPEN, SPENDING
from services.console.domain.messages import danish
from services.console.tests.unit.test_council_pages import POOL, _admin, council_client
from services.console.tests.unit.test_more_pages import MoreApis, apis
from services.console.tests.unit.test_pages import csrf

__all__ = ["apis", "council_client"]  # the fixtures, shared

NO_AMOUNT = ["10.00", "3.5", "1.2.3", ".5.", "1 0 0", "3,5", "100.00.000", "0.500", "-5",
             "1.000 000", "²", "1" * 19, "1." + ".".join(["000"] * 6)]  # fmt: skip
AMOUNTS = [("100.000", 100000), ("10000", 10000), ("1.000.000", 1000000), ("80 000", 80000),
           ("80\N{NO-BREAK SPACE}000", 80000), ("999", 999), ("0", 0)]  # fmt: skip
REFUSED = danish("invalid_amount")


@pytest.mark.parametrize("typed", NO_AMOUNT)
def test_an_amount_that_is_not_whole_kroner_is_refused_on_its_field(typed: str) -> None:
    application = {"council_id": ["c"], "activity": ["Tur"], "initiators": ["r1"]}
    for form, name, rest in ((OPEN, "amount", {}), (SPENDING, "spent", {}),
                             (APPLY, "amount", application)):  # fmt: skip
        parsed = form.parse({name: [typed], **rest})
        assert [(e.field, e.text) for e in parsed.errors] == [(name, REFUSED)], (form, typed)
        assert REFUSED == "Skriv et beløb i hele kroner, større end 0, fx 10.000."
    decision = pool_decision({"decision": ["grant"], "amount": [typed]})
    assert [(e.field, e.text) for e in decision.errors] == [("amount", REFUSED)], typed


@pytest.mark.parametrize(("typed", "kroner"), AMOUNTS)
def test_whole_kroner_with_thousands_separators_are_read(typed: str, kroner: int) -> None:
    assert OPEN.parse({"amount": [typed]}).body == {"amount": kroner}
    spent = SPENDING.parse({"spent": [typed]})
    assert spent.body == {"spent": kroner} and not spent.errors
    decision = pool_decision({"decision": ["grant"], "amount": [typed]})
    assert decision.body["amount"] == kroner and not decision.errors


def test_a_decision_without_an_amount_grants_what_was_asked() -> None:
    decision = pool_decision({"decision": ["grant"], "amount": [" "]})
    assert decision.body == {"decision": "grant", "amount": None, "reason": ""}
    assert not decision.errors


def test_an_empty_pool_amount_is_the_fixed_amount() -> None:
    assert OPEN.parse({"amount": [""]}).body == {"amount": None}


def test_opening_a_pool_with_ten_point_zero_zero_sends_nothing(
    council_client: TestClient, apis: MoreApis
) -> None:
    _admin(council_client)
    page = council_client.get("/raad/pulje/2029/aabn")
    answer = council_client.post("/raad/pulje/2029/aabn",
                                 data={"csrf_token": csrf(page), "amount": "10.00"})  # fmt: skip
    assert answer.status_code == 422 and 'id="amount-error"' in answer.text
    assert "Skriv et beløb i hele kroner, større end 0, fx 10.000." in answer.text
    assert apis.sent == []
    page = council_client.get("/raad/pulje/2029/aabn")
    council_client.post("/raad/pulje/2029/aabn", data={"csrf_token": csrf(page),
                        "amount": "100.000"}, follow_redirects=False)  # fmt: skip
    [sent] = apis.sent
    assert json.loads(sent.content) == {"year": 2029, "amount": 100000}


def test_the_follow_group_grants_80_000_and_is_refused_10_00(
    council_client: TestClient, apis: MoreApis
) -> None:
    page = council_client.get("/log-ind")
    council_client.post("/log-ind", data={"csrf_token": csrf(page), "name": "fg1",
                                          "roles": "follow_group"})  # fmt: skip
    shown_as = dict(POOL["applications"][0])
    POOL["applications"][0].update(status="applied", decided_by=None, application_id="a1")
    try:
        shown = council_client.get("/raad/pulje/2026/ansoegninger/a1")
        form = {"csrf_token": csrf(shown), "version": "2", "decision": "grant"}
        refused = council_client.post("/raad/pulje/2026/ansoegninger/a1",
                                      data={**form, "amount": "10.00"})  # fmt: skip
        assert refused.status_code == 422 and 'id="amount-error"' in refused.text
        assert REFUSED in refused.text and apis.sent == []
        council_client.post("/raad/pulje/2026/ansoegninger/a1", follow_redirects=False,
                            data={**form, "amount": "80.000"})  # fmt: skip
    finally:
        POOL["applications"][0].clear()
        POOL["applications"][0].update(shown_as)
    [sent] = apis.sent
    assert sent.url.path == "/pools/2026/applications/a1/grant"
    assert json.loads(sent.content) == {"amount": 80000}
