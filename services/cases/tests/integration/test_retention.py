"""Retention and legal hold: cases closed longer than the period lose their subjects'
data (SubjectErased, reason retention_expired), except while a leader holds the case."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import VALID_CPR, auth

CW = auth("caseworker", sub="cw-carl")
LEADER = auth("leader", sub="lea")
LATER = (datetime.now(UTC) + timedelta(days=6 * 365)).date().isoformat()


def _ok(r: Any) -> Any:
    assert r.status_code in (200, 201), r.text
    return r.json()


def _case(client: TestClient, tilbud: str, close: bool = True) -> tuple[str, str]:
    case_id = _ok(
        client.post(
            "/cases",
            json={"cpr": VALID_CPR, "tilbud_id": tilbud, "setting": "nursing_home"},
            headers=CW,
        )
    )["case_id"]
    relative = _ok(
        client.post(
            f"/cases/{case_id}/relatives",
            json={
                "name": f"Navn {tilbud}",
                "relation": "datter",
                "channels": {"email": f"{tilbud}@example.dk"},
            },
            headers=CW,
        )
    )["id"]
    if close:
        _ok(client.post(f"/cases/{case_id}/close", json={"reason": "moved"}, headers=CW))
    return case_id, relative


def _retention(*args: str) -> dict[str, Any]:
    done = CliRunner().invoke(pkraft, ["privacy", "retention", *args])
    assert done.exit_code == 0, done.output
    return dict(json.loads(done.stdout))


@pytest.fixture
def settings(
    cases_settings: CasesSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> CasesSettings:
    key = tmp_path / "master.key"
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", cases_settings.database_url)
    monkeypatch.setenv("PKRAFT_CASES_MASTER_KEY_FILE", str(key))
    return cases_settings.model_copy(update={"master_key_file": str(key)})


def test_retention_erases_expired_closed_cases_but_not_held_open_or_reopened_ones(
    settings: CasesSettings,
) -> None:
    with TestClient(create_app(settings)) as client:
        expired, expired_relative = _case(client, "t-expired")
        held, _ = _case(client, "t-held")
        still_open, _ = _case(client, "t-open", close=False)
        reopened, _ = _case(client, "t-reopened")
        _ok(client.post(f"/cases/{reopened}/reopen", json={"reason": "back"}, headers=CW))
        r = client.post(f"/cases/{held}/legal-hold", json={"reason": "litigation"}, headers=CW)
        assert r.status_code == 403
        _ok(client.post(f"/cases/{held}/legal-hold", json={"reason": "litigation"}, headers=LEADER))
        view = _ok(client.get(f"/cases/{held}", headers=CW))
        assert (
            view["legal_hold"]["reason"] == "litigation" and view["legal_hold"]["set_by"] == "lea"
        )

    now = _retention()  # closed just now: nothing is due yet
    assert now["due"] == [] and now["held"] == [] and now["applied"] is False

    dry = _retention("--as-of", LATER)
    assert [d["case_id"] for d in dry["due"]] == [expired]
    assert sorted(dry["due"][0]["subjects"]) == [
        f"citizen:{expired}",
        f"relative:{expired}:{expired_relative}",
    ]
    assert [h["case_id"] for h in dry["held"]] == [held]
    assert dry["erased"] == []
    with TestClient(create_app(settings)) as client:  # a dry run changes nothing
        view = _ok(client.get(f"/cases/{expired}", headers=CW))
        assert view["relatives"][0]["name"] == "Navn t-expired"

    applied = _retention("--apply", "--as-of", LATER)
    assert {e["subject_id"] for e in applied["erased"]} == set(dry["due"][0]["subjects"])
    assert {e["reason"] for e in applied["erased"]} == {"retention_expired"}
    assert _retention("--as-of", LATER)["due"] == []  # done once

    with TestClient(create_app(settings)) as client:
        view = _ok(client.get(f"/cases/{expired}", headers=CW))
        assert view["relatives"][0]["name"] is None and view["relatives"][0]["erasure"]
        assert view["citizen_erasure"]["erased"] is True and view["status"] == "closed"
        history = _ok(client.get(f"/cases/{expired}/history", headers=CW))
        erased = [h for h in history if h["type"] == "SubjectErased"]
        assert {h["data"]["reason"] for h in erased} == {"retention_expired"} and len(erased) == 2
        held_view = _ok(client.get(f"/cases/{held}", headers=CW))
        assert held_view["relatives"][0]["name"] == "Navn t-held"
        for case in (still_open, reopened):
            assert _ok(client.get(f"/cases/{case}", headers=CW))["relatives"][0]["name"]
        _ok(
            client.post(
                f"/cases/{held}/legal-hold/lift", json={"reason": "resolved"}, headers=LEADER
            )
        )
        assert _ok(client.get(f"/cases/{held}", headers=CW))["legal_hold"] is None
        types = [h["type"] for h in _ok(client.get(f"/cases/{held}/history", headers=CW))]
        assert types[-2:] == ["LegalHoldSet", "LegalHoldLifted"]

    lifted = _retention("--apply", "--as-of", LATER)
    assert {e["subject_id"].split(":")[1] for e in lifted["erased"]} == {held}


def test_as_of_with_apply_is_refused_outside_dev_mode(
    settings: CasesSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PKRAFT_DEV_MODE", "false")
    done = CliRunner().invoke(pkraft, ["privacy", "retention", "--apply", "--as-of", LATER])
    assert done.exit_code == 2 and "development only" in done.stderr
