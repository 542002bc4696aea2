"""Events are encrypted at rest when a cipher key is configured."""

from __future__ import annotations

import base64
import os
import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import VALID_CPR, auth
from shared.config import CommonSettings


def _open_with_relative(settings: CasesSettings) -> None:
    with TestClient(create_app(settings)) as client:
        r = client.post(
            "/cases",
            json={"cpr": VALID_CPR, "tilbud_id": "t", "setting": "nursing_home"},
            headers=auth("caseworker"),
        )
        case_id = r.json()["case_id"]
        client.post(
            f"/cases/{case_id}/relatives",
            json={
                "name": "Karen Hansen",
                "relation": "daughter",
                "channels": {"email": "karen@example.dk"},
            },
            headers=auth("caseworker"),
        )
        assert client.get(f"/cases/{case_id}", headers=auth("caseworker")).status_code == 200


def _stored_bytes(path: Path) -> bytes:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT state FROM stored_events").fetchall()
    return b"".join(bytes(r[0]) for r in rows)


def test_cipher_key_keeps_cpr_and_names_out_of_the_database(tmp_path: Path) -> None:
    plain = tmp_path / "plain.sqlite"
    _open_with_relative(CasesSettings(database_url=f"sqlite:///{plain}", common=CommonSettings()))
    assert b"Karen Hansen" in _stored_bytes(plain)  # the control: without a key it is readable

    secret = tmp_path / "secret.sqlite"
    key = base64.b64encode(os.urandom(32)).decode()
    _open_with_relative(
        CasesSettings(database_url=f"sqlite:///{secret}", cipher_key=key, common=CommonSettings())
    )
    stored = _stored_bytes(secret)
    assert stored and b"Karen Hansen" not in stored and VALID_CPR.encode() not in stored
