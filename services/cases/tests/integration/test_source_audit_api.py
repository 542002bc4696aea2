"""``GET /audit/verify``, ``GET /audit/public-key`` and ``pkraft cases verify`` on the
cases store, as an auditor would use them after someone changed a stored byte."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft_cli
from services.cases.config import CasesSettings
from services.cases.tests.conftest import auth
from tests.integration.chain_tamper import Tamper

AUDITOR = auth("auditor", "revisor-1")


def test_verify_names_a_changed_byte_by_case_and_version(
    client: TestClient, open_case: Callable[..., str], store_url: str
) -> None:
    case_id = open_case()
    open_case()
    r = client.get("/audit/verify?broker=false", headers=AUDITOR)
    assert r.status_code == 200, r.text
    assert r.json()["ok"] is True and r.json()["events"] == 2
    t = Tamper(client.app.state.service.app, store_url)  # type: ignore[attr-defined]
    t.flip_byte(t.rows()[0][0], at=5)
    body = client.get("/audit/verify?broker=false", headers=AUDITOR).json()
    assert body["ok"] is False
    assert [(f["kind"], f["aggregate_id"], f["version"]) for f in body["findings"]] == [
        ("altered", case_id, 1)
    ]


def test_verify_and_the_public_key_are_for_auditors(client: TestClient) -> None:
    assert client.get("/audit/verify", headers=auth("caseworker")).status_code == 403
    r = client.get("/audit/public-key", headers=AUDITOR)
    assert r.status_code == 200
    assert r.json()["algorithm"] == "Ed25519"
    assert r.json()["public_key_pem"].startswith("-----BEGIN PUBLIC KEY-----")


def test_the_cli_exits_1_and_names_the_event(
    client: TestClient,
    open_case: Callable[..., str],
    store_url: str,
    cases_settings: CasesSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = open_case()
    t = Tamper(client.app.state.service.app, store_url)  # type: ignore[attr-defined]
    t.delete(t.rows()[0][0])
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", store_url)
    result = CliRunner().invoke(pkraft_cli, ["cases", "verify", "--no-broker"])
    assert result.exit_code == 1, result.output
    assert f"missing              {case_id} v1" in result.output


def test_no_signing_key_outside_dev_mode_is_a_404_not_a_500(
    client: TestClient, tmp_path: Path
) -> None:
    common = client.app.state.service.settings.common  # type: ignore[attr-defined]
    common.dev_mode = False
    common.signing_key_file = str(tmp_path / "absent.key")
    r = client.get("/audit/public-key", headers=AUDITOR)
    assert (r.status_code, r.json()["code"]) == (404, "signing_key_not_found")
