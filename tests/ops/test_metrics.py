"""/metrics tells an operator what the service did: commands by outcome, rejections by
code, request latency, relay lag."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from shared.auth import issue_token
from shared.config import CommonSettings

CASE = {
    "cpr": "0707614285",
    "tilbud_id": "tilbud-metrics",
    "setting": "residential_offer",
    "planned_move_in": "2031-05-01",
}


def _value(text: str, family: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(family + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite", common=CommonSettings()
    )
    with TestClient(create_app(settings)) as c:
        yield c


def test_commands_rejections_and_latency_are_counted(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {issue_token(CommonSettings(), 'ops', ['caseworker'])}"}
    before = client.get("/metrics").text

    created = client.post("/cases", json=CASE, headers=auth)
    assert created.status_code == 201
    case_id = created.json()["case_id"]
    stale = client.post(
        f"/cases/{case_id}/close", json={"reason": "x"}, headers={**auth, "If-Match": '"99"'}
    )
    assert stale.status_code in (409, 422)
    bad = client.post("/cases", json={**CASE, "cpr": "123"}, headers=auth)
    assert bad.status_code == 422

    after = client.get("/metrics").text
    assert _value(after, "pkraft_commands_total", outcome="ok") == (
        _value(before, "pkraft_commands_total", outcome="ok") + 1
    )
    assert _value(after, "pkraft_commands_total") >= _value(before, "pkraft_commands_total") + 1
    code = stale.json()["code"]
    assert _value(after, "pkraft_rule_rejections_total", code=code) == (
        _value(before, "pkraft_rule_rejections_total", code=code) + 1
    )
    assert _value(after, "pkraft_rule_rejections_total", code=bad.json()["code"]) >= 1
    assert _value(after, "pkraft_http_request_seconds_count", route="/cases", method="POST") >= 2
