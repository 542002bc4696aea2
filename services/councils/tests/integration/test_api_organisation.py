"""A council is formed only at a tilbud the organisation holds."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, AGREEMENT, FRAME


def test_forming_a_council_at_an_unknown_tilbud_is_refused(
    client: TestClient, form_council: Callable[..., str]
) -> None:
    body = {
        "tilbud_id": "Ukendt",
        "kind": "relatives_council",
        "frame": FRAME,
        "seats": {"relatives": 4, "citizens": 0, "staff": 1},
        "agreement": AGREEMENT,
    }
    r = client.post("/councils", json=body, headers=ADMIN)
    assert r.status_code == 422 and r.json()["code"] == "unknown_tilbud"
    assert r.json()["details"] == {"tilbud_id": "Ukendt"}
    assert client.get("/councils/by-tilbud/Ukendt", headers=ADMIN).status_code == 404
    assert form_council("lyngen")  # a tilbud of the organisation
