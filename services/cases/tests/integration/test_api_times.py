"""Times of things that happened are refused when they lie in the future (beyond the
configured clock skew); planned things may lie ahead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import VALID_CPR, auth

CW = auth("caseworker")


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def ahead(**delta: float) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


def post(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json=body, headers=CW)


def ok(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    r = post(client, path, body)
    assert r.status_code in (200, 201), r.text
    return r.json()


def refused(client: TestClient, path: str, body: dict[str, Any], field: str) -> None:
    r = post(client, path, body)
    assert r.status_code == 422, r.text
    assert (r.json()["code"], r.json()["details"]["field"]) == ("time_in_future", field)


def test_future_times_of_what_happened_are_refused(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    base = f"/cases/{open_case(planned_move_in=None)}"
    complaint = {"complainant": "citizen", "channel": "phone", "summary": "Food"}
    refused(
        client, f"{base}/complaints", {**complaint, "received_at": ahead(hours=1)}, "received_at"
    )
    cid = ok(client, f"{base}/complaints", {**complaint, "received_at": ago(hours=2)})["id"]
    contact = f"{base}/complaints/{cid}/first-contact"
    refused(client, contact, {"contacted_at": ahead(days=1)}, "contacted_at")
    ok(client, contact, {"contacted_at": ago(hours=1)})
    # Planned: a conversation may be scheduled ahead, but it is held only once it happened.
    ok(client, f"{base}/move-in-conversation/schedule", {"conversation_at": ahead(days=30)})
    hold = f"{base}/move-in-conversation/hold"
    held = {"covered_items": ["finances"]}
    refused(client, hold, {**held, "held_at": ahead(days=30)}, "held_at")
    ok(client, hold, {**held, "held_at": ago(minutes=1)})
    incident = {"kind": "threat", "against": "staff", "description": "Threat"}
    refused(client, f"{base}/incidents", {**incident, "occurred_at": ahead(hours=3)}, "occurred_at")
    ok(client, f"{base}/incidents", {**incident, "occurred_at": ago(minutes=10)})
    state = client.get(base, headers=CW).json()
    assert (len(state["complaints"]), len(state["incidents"]), state["level"]) == (1, 1, 4)


def test_a_client_clock_a_little_ahead_is_accepted(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    base = f"/cases/{open_case()}"
    body = {"complainant": "other", "channel": "letter", "summary": "Noise"}
    ok(client, f"{base}/complaints", {**body, "received_at": ahead(minutes=2)})
    ok(client, f"{base}/complaints", body)  # no time given: now


def test_the_allowed_clock_skew_is_a_setting(cases_settings: CasesSettings) -> None:
    settings = cases_settings.model_copy(update={"clock_skew_seconds": 7200})
    with TestClient(create_app(settings)) as client:
        body = {"cpr": VALID_CPR, "tilbud_id": "t", "setting": "residential_offer"}
        base = ok(client, "/cases", body)["case_id"]
        incident = {"kind": "press_or_politician_threat", "description": "Press"}
        ok(client, f"/cases/{base}/incidents", {**incident, "occurred_at": ahead(hours=1)})
        refused(
            client,
            f"/cases/{base}/incidents",
            {**incident, "occurred_at": ahead(hours=3)},
            "occurred_at",
        )
