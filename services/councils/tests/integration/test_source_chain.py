"""The councils store chains its own events: a changed byte and a removed event are
named by council and version through ``GET /audit/verify``."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from services.councils.tests.conftest import auth
from tests.integration.chain_tamper import Tamper

AUDITOR = auth("auditor", "revisor-1")


def _findings(client: TestClient) -> list[tuple[str, str, int]]:
    r = client.get("/audit/verify?broker=false", headers=AUDITOR)
    assert r.status_code == 200, r.text
    return [(f["kind"], f["aggregate_id"], f["version"]) for f in r.json()["findings"]]


def test_a_changed_byte_and_a_removed_event_are_named(
    client: TestClient, form_council: Callable[..., str], store_url: str
) -> None:
    first, second = form_council("tilbud-1"), form_council("tilbud-2")
    assert _findings(client) == []
    t = Tamper(client.app.state.service.app, store_url)  # type: ignore[attr-defined]
    rows = t.rows()
    t.flip_byte(rows[0][0])
    t.delete(rows[1][0])
    assert sorted(_findings(client)) == sorted([("altered", first, 1), ("missing", second, 1)])
