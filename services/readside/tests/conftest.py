"""Fixtures of the read side: a read-side store (SQLite and PostgreSQL), a real cases
event store beside it, and the read API with tokens per role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.api import create_app
from services.readside.tests.casefeed import cases_app
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
def readside_settings(store_url: str, cases_path: str, tmp_path: Path) -> ReadsideSettings:
    return ReadsideSettings(
        database_url=store_url,
        cases_database_url=f"sqlite:///{cases_path}",
        # never the default var/councils.sqlite that a local `make run` leaves behind
        councils_database_url=f"sqlite:///{tmp_path}/no-councils.sqlite",
        min_version_wait_ms=300,
        common=CommonSettings(),
    )


@pytest.fixture
def client(readside_settings: ReadsideSettings) -> Iterator[TestClient]:
    with TestClient(create_app(readside_settings)) as c:
        yield c
