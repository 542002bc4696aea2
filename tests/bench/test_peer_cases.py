"""The peer app of the command-rate benchmark checks tokens as the service does."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from bench.coldfill import store_cases
from bench.peer_cases import create_app, plain_application
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.auth import issue_token
from shared.config import CommonSettings


def test_the_peer_authenticates_then_loads_notes_and_saves(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/peer.sqlite"
    build_application(CasesSettings(database_url=url)).close()  # migrates, as the bench's raw does
    app = plain_application(url)
    (case_id,) = store_cases(app, ["peer-test"], events_per_case=3)
    app.close()
    client = TestClient(create_app(url))
    path, body = f"/cases/{case_id}/dialogue-notes", {"kind": "phone", "summary": "s"}

    def bearer(roles: list[str]) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(CommonSettings(), 'u', roles)}"}

    assert client.post(path, json=body).status_code == 401
    assert client.post(path, json=body, headers={"Authorization": "Bearer x"}).status_code == 401
    assert client.post(path, json=body, headers=bearer(["auditor"])).status_code == 403
    first = client.post(path, json=body, headers=bearer(["caseworker"]))
    second = client.post(path, json=body, headers=bearer(["caseworker"]))
    assert (first.status_code, first.json()["version"]) == (201, 4)
    assert second.json()["version"] == 5  # loaded from the store again, no lost note
