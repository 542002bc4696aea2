"""Fixtures of the API contract tests: every service's app on a SQLite store in a
temporary directory, and a token holding every role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app as cases_api
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.api import create_app as readside_app
from services.readside.tests.casefeed import cases_api as cases_on_store
from services.readside.tests.casefeed import cases_app, owner
from shared.auth import Role, issue_token
from shared.config import CommonSettings

CASE = {"cpr": "0707614285", "tilbud_id": "lyngen", "setting": "nursing_home"}
# A theme evening the communication API takes (POST /theme-evenings), as id ev1.
EVENING = {
    "evening_id": "ev1",
    "title": "Økonomi",
    "topic": "finances",
    "organiser": "municipality",
    "organiser_name": "Kommunen",
    "starts_at": "2031-03-01T18:00:00+01:00",
    "location": "Salen",
    "capacity": 20,
}


def auth(*roles: str, sub: str = "anna") -> dict[str, str]:
    """A bearer token with the given roles (all of them if none are given)."""
    granted = list(roles) or [r.value for r in Role]
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, granted)}"}


@pytest.fixture
def cases_store(tmp_path: Path) -> Iterator[CasesApplication]:
    app = cases_app(str(tmp_path / "cases.sqlite"))
    yield app
    app.close()


@pytest.fixture
def readside(tmp_path: Path, cases_store: CasesApplication) -> Iterator[TestClient]:
    settings = ReadsideSettings(
        database_url=f"sqlite:///{tmp_path}/readside.sqlite",
        councils_api_url="",
        min_version_wait_ms=300,
        common=CommonSettings(),
    )
    app = readside_app(settings)
    with cases_on_store(str(tmp_path / "cases.sqlite")) as api, TestClient(app) as client:
        app.state.service.audit.owners = {"cases": owner("cases", api)}  # the real cases API
        yield client


@pytest.fixture
def cases(tmp_path: Path) -> Iterator[TestClient]:
    settings = CasesSettings(database_url=f"sqlite:///{tmp_path}/cases-api.sqlite")
    with TestClient(cases_api(settings)) as client:
        yield client


@pytest.fixture
def councils(tmp_path: Path) -> Iterator[TestClient]:
    from services.councils.config import CouncilsSettings
    from services.councils.entrypoints.api import create_app

    settings = CouncilsSettings(database_url=f"sqlite:///{tmp_path}/councils.sqlite")
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def communication(tmp_path: Path) -> Iterator[TestClient]:
    from services.communication.config import CommunicationSettings
    from services.communication.entrypoints.api import create_app

    settings = CommunicationSettings(database_url=f"sqlite:///{tmp_path}/communication.sqlite")
    with TestClient(create_app(settings)) as client:
        yield client


def answered(r: Any, status: int, code: str) -> dict[str, Any]:
    """The JSON error body of ``r``, asserted to be ``status`` with ``code``."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json", r.headers
    body: dict[str, Any] = r.json()
    assert set(body) == {"code", "message", "details"} and body["code"] == code, body
    return body


def new_case(cases: TestClient) -> str:
    """The id of a case just opened (version 1)."""
    r = cases.post("/cases", json=CASE, headers=auth())
    assert r.status_code == 201, r.text
    return str(r.json()["case_id"])
