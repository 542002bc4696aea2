"""A case is opened only at a tilbud the organisation holds (shared/reference/organisation.json
or the file named by PKRAFT_ORGANISATION_FILE)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import VALID_CPR, auth
from shared.config import CommonSettings


def _open(client: TestClient, tilbud_id: str) -> tuple[int, dict[str, object]]:
    body = {"cpr": VALID_CPR, "tilbud_id": tilbud_id, "setting": "residential_offer"}
    r = client.post("/cases", json=body, headers=auth("caseworker"))
    return r.status_code, r.json()


def test_an_unknown_tilbud_is_refused_and_a_known_one_opens(client: TestClient) -> None:
    status, body = _open(client, "Ukendt")
    assert status == 422 and body["code"] == "unknown_tilbud"
    assert body["details"] == {"tilbud_id": "Ukendt"}
    assert _open(client, "lyngen")[0] == 201
    assert _open(client, " bofaellesskabet-lyngen ")[0] == 201  # trimmed, as it is stored


def test_an_alternative_organisation_file_decides(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    centre = {"centre_id": "c", "tilbud": [{"tilbud_id": "only-here", "staff": 4}]}
    path.write_text(json.dumps({"departments": [{"department_id": "d", "centres": [centre]}]}))
    common = CommonSettings(organisation_file=str(path))
    with TestClient(create_app(CasesSettings(database_url=store_url, common=common))) as client:
        assert _open(client, "only-here")[0] == 201
        status, body = _open(client, "lyngen")
        assert status == 422 and body["code"] == "unknown_tilbud"
