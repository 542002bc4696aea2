"""The cases store chains its own events; an attacker with database access is named."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case
from shared.sourcechain.store import verify_application
from tests.integration.chain_tamper import Tamper


def _two_cases(client: TestClient, open_case: Callable[..., str]) -> None:
    for _ in range(2):
        case_id = open_case()
        r = client.post(
            f"/cases/{case_id}/relatives",
            json={"name": "Hanne Holm", "relation": "mother", "channels": {}},
            headers=auth("caseworker"),
        )
        assert r.status_code in (200, 201), r.text


def _app(client: TestClient) -> Any:
    return client.app.state.service.app  # type: ignore[attr-defined]


def _kinds(
    client: TestClient, checkpoint: dict[str, Any] | None = None
) -> list[tuple[str, int | None]]:
    report = verify_application("cases", _app(client), checkpoint)
    return sorted((f.kind, f.version) for f in report.findings)


def _tamper(client: TestClient, store_url: str) -> Tamper:
    return Tamper(_app(client), store_url)


def test_untouched_store_verifies_clean(client: TestClient, open_case: Callable[..., str]) -> None:
    _two_cases(client, open_case)
    assert _kinds(client) == []


def test_one_changed_byte_is_named_altered(
    client: TestClient, open_case: Callable[..., str], store_url: str
) -> None:
    _two_cases(client, open_case)
    t = _tamper(client, store_url)
    nid, _, version, *_ = t.rows()[1]  # the first case's relative: a name that never leaves
    t.flip_byte(nid)
    assert _kinds(client) == [("altered", version)]


def test_a_deleted_event_is_named_missing(
    client: TestClient, open_case: Callable[..., str], store_url: str
) -> None:
    _two_cases(client, open_case)
    t = _tamper(client, store_url)
    nid, _, version, *_ = t.rows()[1]
    t.delete(nid)
    assert _kinds(client) == [("missing", version)]


def test_two_swapped_events_are_named(
    client: TestClient, open_case: Callable[..., str], store_url: str
) -> None:
    _two_cases(client, open_case)
    t = _tamper(client, store_url)
    rows = t.rows()
    (a, _, va, *_), (b, _, vb, *_) = rows[0], rows[1]
    t.swap_places(a, b)
    kinds = _kinds(client)
    assert ("reordered", va) in kinds and ("reordered", vb) in kinds


def test_a_consistently_rewritten_chain_is_caught_by_the_checkpoint(
    client: TestClient, open_case: Callable[..., str], store_url: str
) -> None:
    _two_cases(client, open_case)
    clean = verify_application("cases", _app(client))
    checkpoint = {"notification_id": clean.head_notification_id, "hash": clean.head_hash}
    t = _tamper(client, store_url)
    nid = t.rows()[1][0]
    t.flip_byte(nid)
    t.rechain_from(nid)
    assert _kinds(client) == []  # the chain alone agrees with itself...
    assert [k for k, _ in _kinds(client, checkpoint)] == ["checkpoint_mismatch"]


def test_a_damaged_row_is_reported_not_raised(
    client: TestClient, open_case: Callable[..., str], store_url: str
) -> None:
    _two_cases(client, open_case)
    t = _tamper(client, store_url)
    t.set_state(t.rows()[2][0], None)
    assert [k for k, _ in _kinds(client)] == ["unreadable"]


def test_an_erased_relative_leaves_the_chain_whole(client: TestClient) -> None:
    case = drive_case(client)
    r = client.post(
        f"/privacy/subjects/relative:{case.case_id}:{case.karen}/erase",
        json={"reason": "data_subject_request"},
        headers=auth("privacy_officer", sub="dpo-ditte"),
    )
    assert r.status_code == 200, r.text
    report = verify_application("cases", _app(client))
    assert report.ok and report.events > 5, report.as_dict()
