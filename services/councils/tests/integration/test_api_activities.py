"""Activities started by relatives over the API: recorded against a grant, the unspent
part back in the pool once, the inspiration list per tilbud, the report encrypted at
rest and shown only to the roles allowed, with the read logged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from services.councils.config import CouncilsSettings
from services.councils.tests.conftest import ADMIN, FOLLOW_GROUP, LEADER, auth
from services.councils.tests.integration.privacy_flow import raw_bytes, readable
from services.councils.tests.integration.test_api_pools import YEAR, apply, join_follow_group

REPORT = "Vi grillede i haven med beboerne og sang sammen med Ingers datter"
AUDITOR = auth("auditor", "aud-1")


def activity(cost: int, **overrides: Any) -> dict[str, Any]:
    return {
        "held_on": "2031-06-12",
        "participants": {"relatives": 12, "residents": 9, "staff": 3},
        "cost": cost,
        "report": REPORT,
        **overrides,
    }


def granted_pool(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    for tilbud in ("tilbud-1", "tilbud-2"):
        electorate(tilbud, ["ann"])
    join_follow_group(client)
    council_ids = [form_council("tilbud-1"), form_council("tilbud-2")]
    assert client.post("/pools", json={"year": YEAR, "amount": 20_000}, headers=LEADER).is_success
    for app_id, council_id in (("a1", council_ids[0]), ("a2", council_ids[1])):
        apply(client, council_id, app_id, 8_000)
        r = client.post(f"/pools/{YEAR}/applications/{app_id}/grant", json={}, headers=FOLLOW_GROUP)
        assert r.status_code == 200, r.text
    apply(client, council_ids[0], "a3", 1_000)  # applied, never granted


def record(client: TestClient, app_id: str, body: dict[str, Any]) -> Any:
    return client.post(f"/pools/{YEAR}/applications/{app_id}/activity", json=body, headers=ADMIN)


def test_an_activity_returns_the_unspent_grant_to_the_pool_once(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    granted_pool(client, form_council, electorate)
    assert client.get(f"/pools/{YEAR}", headers=ADMIN).json()["balance"] == 4_000
    r = record(client, "a1", activity(8_001))
    assert (r.status_code, r.json()["code"]) == (422, "activity_cost_exceeds_grant")
    r = record(client, "a3", activity(100))
    assert (r.status_code, r.json()["code"]) == (422, "not_granted")
    r = client.post(
        f"/pools/{YEAR}/applications/a1/activity", json=activity(100), headers=FOLLOW_GROUP
    )
    assert r.status_code == 403
    r = record(client, "a1", activity(6_500))
    assert (r.status_code, r.json()["result"]) == (200, 1_500)
    r = record(client, "a1", activity(1_000))
    assert (r.status_code, r.json()["code"]) == (422, "activity_already_recorded")
    pool = client.get(f"/pools/{YEAR}", headers=ADMIN).json()
    assert (pool["balance"], pool["granted_total"]) == (5_500, 14_500)
    r = record(client, "a2", activity(8_000, held_on="2031-05-01"))
    assert r.json()["result"] == 0  # all spent: nothing returns
    assert client.get(f"/pools/{YEAR}", headers=ADMIN).json()["balance"] == 5_500


def test_the_inspiration_list_per_tilbud_and_the_logged_reports(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
    councils_settings: CouncilsSettings,
) -> None:
    granted_pool(client, form_council, electorate)
    record(client, "a1", activity(6_500))
    record(client, "a2", activity(8_000, held_on="2031-05-01"))
    everyone = client.get(f"/pools/{YEAR}/activities", headers=auth("caseworker"))
    assert everyone.status_code == 200
    assert [(a["application_id"], a["tilbud_id"]) for a in everyone.json()] == [
        ("a2", "tilbud-2"),
        ("a1", "tilbud-1"),
    ]
    [one] = client.get(f"/pools/{YEAR}/activities?tilbud=tilbud-1", headers=ADMIN).json()
    assert one["participants"] == {"relatives": 12, "residents": 9, "staff": 3}
    assert (one["held_on"], one["granted"], one["cost"], one["returned"]) == (
        "2031-06-12",
        8_000,
        6_500,
        1_500,
    )
    assert "report" not in one
    assert (
        client.get(f"/pools/{YEAR}/activities/reports", headers=auth("caseworker")).status_code
        == 403
    )
    reports = client.get(f"/pools/{YEAR}/activities/reports?tilbud=tilbud-1", headers=ADMIN)
    assert [a["report"] for a in reports.json()] == [REPORT]
    log = client.get(f"/pools/{YEAR}/access-log", headers=AUDITOR).json()
    assert [e["endpoint"] for e in log["entries"]] == ["GET /pools/{year}/activities/reports"]
    assert readable([REPORT], raw_bytes(councils_settings.database_url)) == []
