"""Every integer the councils API takes has a bound: beyond it, 422 in the error shape
(before, a huge year or amount was recorded and the read side could not store it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, AGREEMENT, FRAME, LEADER
from services.councils.tests.integration.test_api_pools import apply, join_follow_group

HUGE = 10_000_000_000_000_000_000
YEAR = 2031


def refused(r: Any) -> None:
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "invalid_request"
    assert set(r.json()) == {"code", "message", "details"}


def test_a_pool_has_a_year_of_2000_to_2100_and_at_most_100_million_kr(
    client: TestClient,
) -> None:
    for body in (
        {"year": HUGE},
        {"year": -HUGE},
        {"year": 1999},
        {"year": 2101},
        {"year": YEAR, "amount": HUGE},
        {"year": YEAR, "amount": 100_000_001},
        {"year": YEAR, "amount": 0},
    ):
        refused(client.post("/pools", json=body, headers=LEADER))
    assert client.get(f"/pools/{YEAR}", headers=ADMIN).status_code == 404
    for path in (f"/pools/{HUGE}", "/pools/1999", f"/pools/{-HUGE}"):
        refused(client.get(path, headers=ADMIN))
        refused(client.post(f"{path}/applications/a1/disburse", headers=LEADER))
    body = {"year": 2100, "amount": 100_000_000}
    assert client.post("/pools", json=body, headers=LEADER).status_code == 201


def test_amounts_of_applications_grants_and_spending_are_bounded(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    electorate("tilbud-1", ["ann"])
    join_follow_group(client)
    council_id = form_council()
    assert client.post("/pools", json={"year": YEAR}, headers=LEADER).status_code == 201
    body = {"council_id": council_id, "activity": "Tur", "initiators": ["ann"]}
    for amount in (HUGE, -HUGE, 100_000_001, 0):
        refused(
            client.post(
                f"/pools/{YEAR}/applications", json={**body, "amount": amount}, headers=ADMIN
            )
        )
    apply(client, council_id, "a1", 1_000)
    grant = f"/pools/{YEAR}/applications/a1/grant"
    for amount in (HUGE, -HUGE, 0):
        refused(client.post(grant, json={"amount": amount}, headers=LEADER))
    assert client.post(grant, json={"amount": 1_000}, headers=LEADER).status_code == 200
    client.post(f"/pools/{YEAR}/applications/a1/disburse", headers=LEADER)
    spending = f"/pools/{YEAR}/applications/a1/spending"
    for spent in (HUGE, -1, 100_000_001):
        refused(client.post(spending, json={"spent": spent}, headers=ADMIN))
    assert client.post(spending, json={"spent": 0}, headers=ADMIN).status_code == 200


def test_seat_numbers_are_between_0_and_100(client: TestClient) -> None:
    for seat in ("relatives", "citizens", "staff"):
        for count in (HUGE, -HUGE, 101, -1):
            body = {
                "tilbud_id": "tilbud-1",
                "kind": "relatives_council",
                "frame": FRAME,
                "seats": {"relatives": 4, "citizens": 0, "staff": 1, seat: count},
                "agreement": AGREEMENT,
            }
            refused(client.post("/councils", json=body, headers=ADMIN))


def test_a_huge_if_match_is_a_stale_version_not_a_crash(
    client: TestClient, form_council: Callable[..., str]
) -> None:
    council_id = form_council()
    r = client.post(
        f"/councils/{council_id}/frame",
        json=FRAME,
        headers={**ADMIN, "If-Match": f'"{HUGE}"'},
    )
    assert r.status_code in {409, 422}, r.text
