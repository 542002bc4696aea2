"""Insight (GDPR art. 15): one subject's data, where it was sent, who read it; JSON,
Danish HTML and the command line; the export itself is logged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import CW, drive_case

OFFICER = auth("privacy_officer", sub="dpo-ditte")
AUDITOR = auth("auditor", sub="aud-asta")


def _export(client: TestClient, subject: str, **params: str) -> Any:
    r = client.get(f"/privacy/subjects/{subject}/export", params=params, headers=OFFICER)
    assert r.status_code == 200, r.text
    return r


def test_a_relatives_export_holds_their_data_where_it_went_and_who_read_it(
    client: TestClient,
) -> None:
    case = drive_case(client)
    karen = f"relative:{case.case_id}:{case.karen}"
    assert client.get(f"/cases/{case.case_id}", headers=CW).status_code == 200
    comms = auth("communications", sub="svc-communication")
    r = client.get(f"/cases/{case.case_id}/relatives/{case.karen}/contact", headers=comms)
    assert r.status_code == 200

    found = _export(client, karen).json()
    text = json.dumps(found, ensure_ascii=False)
    for secret in case.secrets["karen"]:
        assert secret in text, secret
    for secret in case.secrets["bodil"] + ["Samtale-om-medicin-lambda"]:
        assert secret not in text, secret  # another person's data is not in it
    assert found["current"]["relative"]["name"] == "Karen Kvistgaard-Hansen"
    assert {r["type"] for r in found["recorded"]} >= {"RelativeAdded", "ComplaintReceived"}
    sent = {t["event_type"].split(".")[-2] for t in found["sent_to"]["event_types"]}
    assert {"relative_added", "consent_granted"} <= sent
    assert "dialogue_noted" not in sent  # did not carry her id
    assert found["sent_to"]["subscribers"] == ["communication", "councils", "readside"]
    readers = [(e["actor"], e["endpoint"]) for e in found["read_by"]]
    assert ("anna", "GET /cases/{case_id}") in readers
    assert ("svc-communication", "GET /cases/{case_id}/relatives/{relative_id}/contact") in readers
    assert readers[-1] == ("dpo-ditte", "GET /privacy/subjects/{subject_id}/export")

    page = _export(client, karen, format="html")
    assert page.headers["content-type"].startswith("text/html")
    assert "Indsigt i personoplysninger" in page.text and "Hvem har læst" in page.text
    assert "Karen Kvistgaard-Hansen" in page.text and "Bodil" not in page.text
    by_accept = client.get(
        f"/privacy/subjects/{karen}/export", headers={**OFFICER, "Accept": "text/html"}
    )
    assert by_accept.text.startswith("<!doctype html>")

    log = client.get(f"/cases/{case.case_id}/access-log", headers=AUDITOR).json()
    exports = [e for e in log["entries"] if e["endpoint"].endswith("/export")]
    assert len(exports) == 3 and exports[0]["subjects"] == [karen]


def test_the_citizens_export_holds_the_cpr_and_free_text_but_not_the_relatives_details(
    client: TestClient,
) -> None:
    case = drive_case(client)
    found = _export(client, f"citizen:{case.case_id}").json()
    text = json.dumps(found, ensure_ascii=False)
    for secret in case.secrets["citizen"]:
        assert secret in text, secret
    assert "Bodil Bjerregaard-Nissen-Ny" not in text
    assert "karen.kvistgaard@example.dk" not in text


def test_only_the_privacy_officer_exports_and_an_unknown_subject_is_404(
    client: TestClient, open_case: Any
) -> None:
    case_id = open_case()
    for role in ("caseworker", "leader", "auditor", "communications"):
        r = client.get(f"/privacy/subjects/citizen:{case_id}/export", headers=auth(role))
        assert r.status_code == 403, role
    r = client.get(f"/privacy/subjects/relative:{case_id}:nobody/export", headers=OFFICER)
    assert r.status_code == 404
    r = client.get("/privacy/subjects/nonsense/export", headers=OFFICER)
    assert r.status_code == 422
    log = client.get(f"/cases/{case_id}/access-log", headers=AUDITOR).json()
    assert log["total"] == 0


def test_an_erased_relatives_export_says_so_and_the_cli_exports_and_logs_it(
    cases_settings: CasesSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "master.key"
    settings = cases_settings.model_copy(update={"master_key_file": str(key)})
    with TestClient(create_app(settings)) as client:
        case = drive_case(client)
        karen = f"relative:{case.case_id}:{case.karen}"
        r = client.post(
            f"/privacy/subjects/{karen}/erase",
            json={"reason": "data_subject_request"},
            headers=OFFICER,
        )
        assert r.status_code == 200, r.text
        found = _export(client, karen).json()
        assert found["erased"]["erased"] is True
        assert found["current"]["relative"]["name"] is None
        assert "Karen Kvistgaard-Hansen" not in json.dumps(found, ensure_ascii=False)
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("PKRAFT_CASES_MASTER_KEY_FILE", str(key))
    bodil = f"relative:{case.case_id}:{case.bodil}"
    done = CliRunner().invoke(pkraft, ["privacy", "export", "--subject", bodil, "--actor", "dpo"])
    assert done.exit_code == 0, done.output
    found = json.loads(done.stdout)
    assert found["current"]["relative"]["name"] == "Bodil Bjerregaard-Nissen-Ny"
    assert found["read_by"][-1]["endpoint"] == "CLI pkraft privacy export"
    assert found["read_by"][-1]["actor"] == "dpo"
    page = CliRunner().invoke(pkraft, ["privacy", "export", "--subject", bodil, "--html"])
    assert page.exit_code == 0 and '<html lang="da">' in page.stdout
