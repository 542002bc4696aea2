"""The access log: every read of personal data is logged, chained, and shown to auditors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.tests.conftest import auth

AUDITOR = auth("auditor", sub="aud-asta")
OFFICER = auth("privacy_officer", sub="dpo-ditte")
CW = auth("caseworker", sub="cw-carl")


def _add_relative(client: TestClient, case_id: str, name: str) -> str:
    r = client.post(
        f"/cases/{case_id}/relatives",
        json={"name": name, "relation": "datter", "channels": {"email": "a@example.dk"}},
        headers=CW,
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _log(
    client: TestClient, case_id: str, headers: dict[str, str] = AUDITOR, **q: int
) -> dict[str, Any]:
    r = client.get(f"/cases/{case_id}/access-log", params=q, headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_every_read_of_a_case_is_logged_with_who_when_where_and_whose(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    relative = _add_relative(client, case_id, "Rie Relativ")
    assert _log(client, case_id)["total"] == 0  # writing is not reading

    r = client.get(f"/cases/{case_id}", headers={**CW, "X-Correlation-Id": "corr-detail-1"})
    assert r.status_code == 200
    r = client.get(f"/cases/{case_id}/history", headers=auth("leader", sub="lea"))
    assert r.status_code == 200

    page = _log(client, case_id, OFFICER)
    assert page["total"] == 2
    first, second = page["entries"]
    assert first["actor"] == "cw-carl" and first["roles"] == ["caseworker"]
    assert first["endpoint"] == "GET /cases/{case_id}"
    assert first["correlation_id"] == "corr-detail-1"
    assert sorted(first["subjects"]) == [f"citizen:{case_id}", f"relative:{case_id}:{relative}"]
    assert first["read_at"]
    assert second["actor"] == "lea" and second["endpoint"] == "GET /cases/{case_id}/history"
    assert second["prev_hash"] == first["hash"]


def test_only_auditors_and_the_privacy_officer_see_the_log_and_it_is_paged(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    other = open_case()
    for _ in range(3):
        assert client.get(f"/cases/{case_id}", headers=CW).status_code == 200
    assert client.get(f"/cases/{other}", headers=CW).status_code == 200
    for role in ("caseworker", "leader", "integration", "communications"):
        r = client.get(f"/cases/{case_id}/access-log", headers=auth(role))
        assert r.status_code == 403, role
    page = _log(client, case_id, offset=1, limit=1)
    assert page["total"] == 3 and len(page["entries"]) == 1
    assert _log(client, other)["total"] == 1


def test_a_read_of_an_unknown_case_is_404_and_a_forbidden_one_is_not_logged(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    unknown = "6f1c3a4e-0000-4000-8000-000000000000"
    assert client.get(f"/cases/{unknown}", headers=CW).status_code == 404
    assert client.get(f"/cases/{case_id}/history", headers=auth("integration")).status_code == 403
    assert client.get(f"/cases/{case_id}", headers=auth("follow_group")).status_code == 403
    assert _log(client, case_id)["total"] == 0
    assert _log(client, unknown)["total"] == 0


def test_when_the_log_cannot_be_written_the_read_fails_with_503(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    assert client.get(f"/cases/{case_id}", headers=CW).status_code == 200
    db = client.app.state.service.app.keys.db  # type: ignore[attr-defined]
    with db.write() as tx:
        tx.run("DROP TABLE pkraft_access_log")
    r = client.get(f"/cases/{case_id}", headers=CW)
    assert r.status_code == 503
    assert r.json()["code"] == "access_log_unavailable"
    assert "relatives" not in r.json()
    r = client.get(f"/cases/{case_id}/history", headers=CW)
    assert r.status_code == 503


def test_verify_names_an_altered_and_a_missing_row(
    client: TestClient,
    open_case: Callable[..., str],
    cases_settings: CasesSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    from typer.testing import CliRunner

    from pkraft.cli import app as pkraft

    case_id = open_case()
    for _ in range(5):
        assert client.get(f"/cases/{case_id}", headers=CW).status_code == 200
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", cases_settings.database_url)
    done = CliRunner().invoke(pkraft, ["cases", "access-log", "verify"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["rows"] == 5

    db = client.app.state.service.app.keys.db  # type: ignore[attr-defined]
    for change in ("UPDATE pkraft_access_log SET actor = 'x'", "DELETE FROM pkraft_access_log"):
        with pytest.raises(Exception, match="append-only"), db.write() as tx:
            tx.run(change)
    with db.write() as tx:  # an attacker with the owner's rights drops the guard first
        if tx.postgres:
            tx.run("DROP TRIGGER pkraft_access_log_append_only ON pkraft_access_log")
        else:
            tx.run("DROP TRIGGER pkraft_access_log_no_update")
            tx.run("DROP TRIGGER pkraft_access_log_no_delete")
        tx.run("UPDATE pkraft_access_log SET actor = 'someone-else' WHERE seq = 2")
        tx.run("DELETE FROM pkraft_access_log WHERE seq = 4")
    done = CliRunner().invoke(pkraft, ["cases", "access-log", "verify"])
    assert done.exit_code == 1
    findings = {(f["kind"], f["seq"]) for f in json.loads(done.stdout)["findings"]}
    assert findings == {("altered", 2), ("missing", 4)}
    assert "row 2: altered" in done.stderr and "row 4: missing" in done.stderr


def test_the_communication_service_reading_a_contact_is_logged_for_that_relative_only(
    client: TestClient, open_case: Callable[..., str]
) -> None:
    case_id = open_case()
    relative = _add_relative(client, case_id, "Kim Kontakt")
    _add_relative(client, case_id, "Other Relative")
    comms = auth("communications", sub="svc-communication")
    r = client.get(
        f"/cases/{case_id}/relatives/{relative}/contact",
        headers={**comms, "X-Correlation-Id": "send-42"},
    )
    assert r.status_code == 200, r.text
    (entry,) = _log(client, case_id)["entries"]
    assert entry["actor"] == "svc-communication" and entry["roles"] == ["communications"]
    assert entry["subjects"] == [f"relative:{case_id}:{relative}"]
    assert entry["endpoint"] == "GET /cases/{case_id}/relatives/{relative_id}/contact"
    assert entry["correlation_id"] == "send-42"
