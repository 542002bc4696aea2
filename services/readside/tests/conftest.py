"""Fixtures of the read side: a read-side store (SQLite and PostgreSQL), a real cases
event store beside it with the real cases API on it (in process), and the read API with
tokens per role, which asks that cases API for replay and verify."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.readside.adapters.owner_api import OwnerApi
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.api import create_app
from services.readside.tests.casefeed import cases_api, cases_app, owner
from shared.auth import issue_token
from shared.config import CommonSettings


def auth(role: str, sub: str = "anna") -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, [role])}"}


@pytest.fixture
def cases_path(tmp_path: Path) -> str:
    return str(tmp_path / "cases.sqlite")


@pytest.fixture
def cases(cases_path: str) -> Iterator[CasesApplication]:
    app = cases_app(cases_path)
    yield app
    app.close()


@pytest.fixture
def cases_owner(cases_path: str) -> Iterator[OwnerApi]:
    """The real cases API on the same store, as the read side reaches it."""
    with cases_api(cases_path) as api:
        yield owner("cases", api)


@pytest.fixture
def readside_settings(store_url: str) -> ReadsideSettings:
    return ReadsideSettings(
        database_url=store_url,
        cases_api_url="http://cases.invalid",  # replaced by the in-process API below
        councils_api_url="",  # no councils service in these tests
        min_version_wait_ms=300,
        common=CommonSettings(),
    )


@pytest.fixture
def client(readside_settings: ReadsideSettings, cases_owner: OwnerApi) -> Iterator[TestClient]:
    app = create_app(readside_settings)
    app.state.service.audit.owners = {"cases": cases_owner}
    with TestClient(app) as c:
        yield c
