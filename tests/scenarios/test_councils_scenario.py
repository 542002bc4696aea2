"""Scenario: cases flow into the councils service over Kafka; a council elects its
relatives with staggered terms twice, and its pool is spent to exactly zero."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app as create_cases_app
from services.councils.config import CouncilsSettings
from services.councils.entrypoints.api import create_app as create_councils_app
from shared.auth import issue_token
from shared.config import CommonSettings
from tests.kafka_helpers import read_topic
from tests.running import running

pytestmark = [pytest.mark.kafka, pytest.mark.slow]
TILBUD = "bofaellesskabet-lyngen"
CPRS = ["0707614285", "1502802222", "2912993333"]


def auth(role: str, sub: str = "anna") -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, [role])}"}


CASEWORKER, ADMIN, FOLLOW_GROUP = auth("caseworker"), auth("council_admin"), auth("follow_group")


def wait_for(check: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def open_case(cases: TestClient, cpr: str, relatives: list[str]) -> str:
    r = cases.post(
        "/cases",
        json={"cpr": cpr, "tilbud_id": TILBUD, "setting": "residential_offer"},
        headers=CASEWORKER,
    )
    assert r.status_code == 201, r.text
    case_id = str(r.json()["case_id"])
    for rid in relatives:
        body = {"relative_id": rid, "name": f"Pårørende {rid}", "relation": "child"}
        r = cases.post(f"/cases/{case_id}/relatives", json=body, headers=CASEWORKER)
        assert r.status_code == 201, r.text
    return case_id


def election(
    councils: TestClient,
    council_id: str,
    held_on: str,
    candidates: list[str],
    ballots: dict[str, str],
) -> Any:
    """Nominate ``candidates``, cast ``ballots`` (voter -> candidate), count."""
    base = f"/councils/{council_id}/elections"
    election_id = councils.post(base, json={"held_on": held_on}, headers=ADMIN).json()["result"]
    for candidate in candidates:
        r = councils.post(
            f"{base}/{election_id}/candidates", json={"relative_id": candidate}, headers=ADMIN
        )
        assert r.status_code == 200, r.text
    councils.post(f"{base}/{election_id}/open-voting", headers=ADMIN)
    for voter, candidate in ballots.items():
        r = councils.post(
            f"{base}/{election_id}/votes",
            json={"voter_id": voter, "candidate_id": candidate},
            headers=ADMIN,
        )
        assert r.status_code == 200, r.text
    r = councils.post(f"{base}/{election_id}/close", headers=ADMIN)
    assert r.status_code == 200, r.text
    return r.json()["result"]


def test_electorate_over_kafka_staggered_elections_and_the_pool(
    kafka_bootstrap: str, unique: str, tmp_path: object
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    cases_topic, councils_topic = f"cases-{unique}", f"councils-{unique}"
    cases_settings = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite",
        topic=cases_topic,
        common=common,
    )
    councils_settings = CouncilsSettings(
        database_url=f"sqlite:///{tmp_path}/councils.sqlite",
        topic=councils_topic,
        cases_topic=cases_topic,
        consumer_group=f"councils-{unique}",
        common=common,
    )
    with (
        running(cases_settings, councils_settings),
        TestClient(create_cases_app(cases_settings)) as cases,
        TestClient(create_councils_app(councils_settings)) as councils,
    ):
        # the council is formed before any case: its electorate starts empty
        body = {
            "tilbud_id": TILBUD,
            "kind": "relatives_council",
            "frame": {"purpose": "Inddragelse", "tasks": "Høringer", "function": "Rådgivende"},
            "seats": {"relatives": 4, "citizens": 0, "staff": 1},
            "agreement": {"centre_head": "ch", "department_head": "dh", "agreed_on": "2030-01-10"},
        }
        council_id = councils.post("/councils", json=body, headers=ADMIN).json()["id"]
        electorate_url = f"/councils/{council_id}/electorate"
        assert councils.get(electorate_url, headers=ADMIN).json()["size"] == 0

        # cases are driven through the cases API; their events reach the councils over Kafka
        open_case(cases, CPRS[0], ["ann", "bo", "cai"])
        open_case(cases, CPRS[1], ["dea", "eva", "finn"])
        closing = open_case(cases, CPRS[2], ["gus"])
        r = cases.post(f"/cases/{closing}/close", json={"reason": "moved"}, headers=CASEWORKER)
        assert r.status_code == 200, r.text
        voters = ["ann", "bo", "cai", "dea", "eva", "finn"]
        seen = wait_for(
            lambda: councils.get(electorate_url, headers=ADMIN).json()["relative_ids"] == voters
        )
        assert seen, councils.get(electorate_url, headers=ADMIN).json()

        # first election: every seat; the two with most votes get 4 years, the next two 2 years
        first = election(
            councils,
            council_id,
            "2030-03-01",
            ["ann", "bo", "cai", "dea", "eva"],
            {"bo": "ann", "cai": "ann", "dea": "ann", "ann": "bo", "eva": "bo", "finn": "cai"},
        )
        by_term = {(e["relative_id"], e["term_years"], e["term_end"]) for e in first["elected"]}
        assert {
            ("ann", 4, "2034-03-01"),
            ("bo", 4, "2034-03-01"),
            ("cai", 2, "2032-03-01"),
        } <= by_term
        fourth = next(e for e in first["elected"] if e["relative_id"] not in ("ann", "bo", "cai"))
        assert fourth["term_years"] == 2 and fourth["votes"] == 0
        assert first["ties"] == [["dea", "eva"]]  # decided by the recorded draw
        assert first["substitutes"] == [
            x for x in first["draw_order"] if x in ("dea", "eva") and x != fourth["relative_id"]
        ]
        upcoming = councils.get(f"/councils/{council_id}/upcoming-election", headers=ADMIN).json()
        assert upcoming["seats_up"] == ["R3", "R4"] and upcoming["due_on"] == "2032-03-01"

        # a relative of a closed case is outside the electorate
        base = f"/councils/{council_id}/elections"
        second_id = councils.post(base, json={"held_on": "2032-03-01"}, headers=ADMIN).json()[
            "result"
        ]
        r = councils.post(
            f"{base}/{second_id}/candidates", json={"relative_id": "gus"}, headers=ADMIN
        )
        assert (r.status_code, r.json()["code"]) == (422, "candidate_not_in_electorate")
        r = councils.post(
            f"{base}/{second_id}/candidates", json={"relative_id": "ann"}, headers=ADMIN
        )
        assert (r.status_code, r.json()["code"]) == (422, "already_member")  # ann's seat is not up
        for candidate in ("finn", "cai"):
            councils.post(
                f"{base}/{second_id}/candidates", json={"relative_id": candidate}, headers=ADMIN
            )
        councils.post(f"{base}/{second_id}/open-voting", headers=ADMIN)
        for voter, candidate in {"ann": "finn", "bo": "finn", "dea": "cai"}.items():
            councils.post(
                f"{base}/{second_id}/votes",
                json={"voter_id": voter, "candidate_id": candidate},
                headers=ADMIN,
            )
        second = councils.post(f"{base}/{second_id}/close", headers=ADMIN).json()["result"]
        assert second["seats_up"] == ["R3", "R4"]
        assert {(e["relative_id"], e["term_end"]) for e in second["elected"]} == {
            ("finn", "2036-03-01"),
            ("cai", "2036-03-01"),
        }
        members = councils.get(f"/councils/{council_id}/members", headers=ADMIN).json()
        terms = sorted(
            (m["seat"], m["person_ref"], m["term_end"]) for m in members if m["kind"] == "relative"
        )
        assert [t[2] for t in terms] == ["2034-03-01", "2034-03-01", "2036-03-01", "2036-03-01"]

        # the pool is spent to exactly zero, never over, by a member of the follow group
        leader = auth("leader", "leader-1")
        assert councils.post("/follow-group", json={"name": "F"}, headers=leader).status_code == 201
        member = {"person_ref": "anna", "role": "staff"}
        r = councils.post("/follow-group/members", json=member, headers=leader)
        assert r.status_code == 201, r.text
        assert councils.post("/pools", json={"year": 2031}, headers=ADMIN).status_code == 201
        for app_id, amount in (("a1", 60_000), ("a2", 50_000), ("a3", 5_000)):
            body = {
                "application_id": app_id,
                "council_id": council_id,
                "activity": "Tur",
                "amount": amount,
                "initiators": ["ann"],
            }
            assert (
                councils.post("/pools/2031/applications", json=body, headers=ADMIN).status_code
                == 201
            )
        grant = "/pools/2031/applications/{}/grant"
        assert (
            councils.post(grant.format("a1"), json={}, headers=FOLLOW_GROUP).json()["result"]
            == 40_000
        )
        r = councils.post(grant.format("a2"), json={}, headers=FOLLOW_GROUP)
        assert (r.status_code, r.json()["code"]) == (422, "grant_exceeds_balance")
        assert (
            councils.post(grant.format("a2"), json={"amount": 40_000}, headers=FOLLOW_GROUP).json()[
                "result"
            ]
            == 0
        )
        r = councils.post(grant.format("a3"), json={}, headers=FOLLOW_GROUP)
        assert (r.status_code, r.json()["code"]) == (422, "grant_exceeds_balance")
        assert councils.get("/pools/2031", headers=ADMIN).json()["balance"] == 0

    # the councils' events reached their topic through the relay, with deterministic ids
    records = asyncio.run(read_topic(kafka_bootstrap, councils_topic, min_count=1))
    types = [r.header("ce_type").rsplit(".", 2)[1] for r in records]
    assert types.count("election_closed") == 2 and types.count("budget_granted") == 2
    closed = [
        json.loads(r.value) for r in records if r.header("ce_type").endswith("election_closed.v1")
    ]
    assert {e["relative_id"] for e in closed[-1]["elected"]} == {"finn", "cai"}
    assert all(r.header("ce_id").startswith(r.key.decode() + ":") for r in records if r.key)
