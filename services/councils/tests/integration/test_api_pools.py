"""The participant-budget pool over the API: racing grants never overspend."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, FOLLOW_GROUP, LEADER, auth

YEAR = 2031


def apply(client: TestClient, council_id: str, app_id: str, amount: int) -> None:
    body = {
        "application_id": app_id,
        "council_id": council_id,
        "activity": "Sommerudflugt",
        "amount": amount,
        "initiators": ["ann"],
    }
    r = client.post(f"/pools/{YEAR}/applications", json=body, headers=ADMIN)
    assert r.status_code == 201, r.text


def join_follow_group(client: TestClient, person_ref: str = "fg-1") -> str:
    """Form the follow group (a leader does) and add ``person_ref`` as a member."""
    client.post("/follow-group", json={"name": "Følgegruppen"}, headers=LEADER)
    body = {"person_ref": person_ref, "role": "relative"}
    r = client.post("/follow-group/members", json=body, headers=LEADER)
    assert r.status_code == 201, r.text
    return str(r.json()["result"])


def test_concurrent_grants_never_overspend_the_pool(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    electorate("tilbud-1", ["ann"])
    join_follow_group(client)
    council_id = form_council()
    r = client.post("/pools", json={"year": YEAR}, headers=LEADER)
    assert r.status_code == 201, r.text
    assert client.get(f"/pools/{YEAR}", headers=ADMIN).json()["amount"] == 100_000
    for i in range(20):
        apply(client, council_id, f"a{i}", 7_000)  # 20 x 7,000 = 140,000 > 100,000

    def grant(i: int) -> httpx.Response:
        return client.post(f"/pools/{YEAR}/applications/a{i}/grant", json={}, headers=FOLLOW_GROUP)

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(grant, range(20)))
    granted = [r for r in answers if r.status_code == 200]
    refused = [r for r in answers if r.status_code != 200]
    assert len(granted) == 14  # 14 x 7,000 = 98,000 fit; a 15th would need 105,000
    assert {(r.status_code, r.json()["code"]) for r in refused} == {(422, "grant_exceeds_balance")}
    state = client.get(f"/pools/{YEAR}", headers=ADMIN).json()
    assert (state["granted_total"], state["balance"]) == (98_000, 2_000)
    # a part grant spends the pool to exactly zero; nothing more fits
    refused_id = next(
        a["application_id"] for a in state["applications"] if a["status"] == "applied"
    )
    r = client.post(
        f"/pools/{YEAR}/applications/{refused_id}/grant", json={"amount": 2_000}, headers=LEADER
    )
    assert r.status_code == 200 and r.json()["result"] == 0
    r = client.post(f"/pools/{YEAR}/applications/a19/grant", json={"amount": 1}, headers=LEADER)
    assert (r.status_code, r.json()["code"]) in {
        (422, "grant_exceeds_balance"),
        (422, "already_decided"),
    }
    assert client.get(f"/pools/{YEAR}", headers=ADMIN).json()["balance"] == 0


def test_decisions_need_the_follow_group_or_a_leader(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    electorate("tilbud-1", ["ann"])
    join_follow_group(client)
    council_id = form_council()
    client.post("/pools", json={"year": YEAR, "amount": 10_000}, headers=ADMIN)
    apply(client, council_id, "a1", 4_000)
    r = client.post(f"/pools/{YEAR}/applications/a1/grant", json={}, headers=ADMIN)
    assert r.status_code == 403
    r = client.post(
        f"/pools/{YEAR}/applications/a1/reject", json={"reason": " "}, headers=FOLLOW_GROUP
    )
    assert (r.status_code, r.json()["code"]) == (422, "blank_text")
    assert (
        client.post(
            f"/pools/{YEAR}/applications/a1/grant", json={"amount": 3_000}, headers=FOLLOW_GROUP
        ).status_code
        == 200
    )
    assert (
        client.post(f"/pools/{YEAR}/applications/a1/disburse", headers=FOLLOW_GROUP).status_code
        == 200
    )
    r = client.post(f"/pools/{YEAR}/applications/a1/spending", json={"spent": 3_500}, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "spending_exceeds_grant")
    assert (
        client.post(
            f"/pools/{YEAR}/applications/a1/spending", json={"spent": 2_900}, headers=ADMIN
        ).status_code
        == 200
    )
    application = client.get(f"/pools/{YEAR}", headers=auth("auditor")).json()["applications"][0]
    assert (application["status"], application["granted"], application["spent"]) == (
        "spending_reported",
        3_000,
        2_900,
    )


def test_applications_come_from_a_council_with_relatives_of_its_tilbud(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    electorate("tilbud-1", ["ann"])
    council_id = form_council()
    assert client.post(f"/pools/{YEAR}/applications", json={}, headers=ADMIN).status_code == 422
    body = {"council_id": council_id, "activity": "Tur", "amount": 100, "initiators": ["stranger"]}
    r = client.post(f"/pools/{YEAR}/applications", json=body, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (404, "pool_not_found")
    client.post("/pools", json={"year": YEAR}, headers=ADMIN)
    assert client.post("/pools", json={"year": YEAR}, headers=ADMIN).json()["code"] == "pool_exists"
    r = client.post(f"/pools/{YEAR}/applications", json=body, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "initiator_not_in_electorate")
    other = {**body, "council_id": "00000000-0000-0000-0000-000000000000"}
    r = client.post(f"/pools/{YEAR}/applications", json=other, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (404, "council_not_found")


def test_only_a_current_member_or_a_leader_decides(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    electorate("tilbud-1", ["ann"])
    council_id = form_council()
    client.post("/pools", json={"year": YEAR, "amount": 10_000}, headers=ADMIN)
    for i in range(3):
        apply(client, council_id, f"a{i}", 1_000)
    decide = f"/pools/{YEAR}/applications/a{{}}/{{}}"
    # the follow-group role alone does not make a member
    for path, body in (
        (decide.format(0, "grant"), {}),
        (decide.format(0, "reject"), {"reason": "Nej"}),
    ):
        r = client.post(path, json=body, headers=FOLLOW_GROUP)
        assert (r.status_code, r.json()["code"]) == (403, "not_follow_group_member")
    member_id = join_follow_group(client)
    assert client.post(decide.format(0, "grant"), json={}, headers=FOLLOW_GROUP).status_code == 200
    # a leader acts for the group without being a member, and is recorded as such
    assert client.post(decide.format(1, "grant"), json={}, headers=LEADER).status_code == 200
    client.post(f"/follow-group/members/{member_id}/remove", headers=LEADER)
    r = client.post(decide.format(0, "disburse"), headers=FOLLOW_GROUP)
    assert (r.status_code, r.json()["code"]) == (403, "not_follow_group_member")
    r = client.post(decide.format(2, "reject"), json={"reason": "Nej"}, headers=FOLLOW_GROUP)
    assert (r.status_code, r.json()["code"]) == (403, "not_follow_group_member")
    applications = client.get(f"/pools/{YEAR}", headers=ADMIN).json()["applications"]
    assert [(a["status"], a["decided_by"]) for a in applications] == [
        ("granted", {"actor": "fg-1", "member_id": member_id}),
        ("granted", {"actor": "leader-1", "member_id": None}),
        ("applied", None),
    ]


def test_the_follow_group_as_a_body(client: TestClient) -> None:
    r = client.post("/follow-group", json={"name": "Følgegruppen"}, headers=FOLLOW_GROUP)
    assert (r.status_code, r.json()["code"]) == (403, "forbidden")
    assert (
        client.post("/follow-group", json={"name": "Følgegruppen"}, headers=LEADER).status_code
        == 201
    )
    rel = {"person_ref": "rel-1", "role": "relative"}
    # the follow-group role alone does not let anyone add members (themselves included)
    r = client.post("/follow-group/members", json=rel, headers=FOLLOW_GROUP)
    assert (r.status_code, r.json()["code"]) == (403, "not_follow_group_member")
    join_follow_group(client)  # a leader adds fg-1
    r = client.post("/follow-group/members", json=rel, headers=FOLLOW_GROUP)  # a member adds
    assert r.status_code == 201, r.text
    group = client.get("/follow-group", headers=ADMIN).json()
    assert [m["person_ref"] for m in group["members"]] == ["fg-1", "rel-1"]
