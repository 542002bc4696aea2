"""Fixtures for the cases service: the API on a real store, with tokens per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from shared.auth import issue_token
from shared.config import CommonSettings

VALID_CPR = "0707614285"


def auth(role: str, sub: str = "anna") -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, [role])}"}


@pytest.fixture
def cases_settings(store_url: str) -> CasesSettings:
    return CasesSettings(database_url=store_url, common=CommonSettings())


@pytest.fixture
def client(cases_settings: CasesSettings) -> Iterator[TestClient]:
    with TestClient(create_app(cases_settings)) as c:
        yield c


@pytest.fixture
def open_case(client: TestClient) -> Callable[..., str]:
    counter = iter(range(1000))

    def _open(**overrides: Any) -> str:
        body = {
            "cpr": VALID_CPR,
            "tilbud_id": f"tilbud-{next(counter)}",
            "setting": "residential_offer",
            "planned_move_in": "2031-05-01",
            **overrides,
        }
        r = client.post("/cases", json=body, headers=auth("caseworker"))
        assert r.status_code == 201, r.text
        return str(r.json()["case_id"])

    return _open
