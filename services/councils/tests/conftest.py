"""Fixtures for the councils service: the API on a real store, tokens per role."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.councils.config import CouncilsSettings
from services.councils.entrypoints.api import create_app
from shared.auth import issue_token
from shared.config import CommonSettings

FRAME = {"purpose": "Inddrage pårørende", "tasks": "Høringer", "function": "Rådgivende"}
AGREEMENT = {"centre_head": "centre-1", "department_head": "dept-1", "agreed_on": "2030-01-10"}


def auth(role: str, sub: str = "anna") -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, [role])}"}


ADMIN = auth("council_admin")
FOLLOW_GROUP = auth("follow_group", "fg-1")
LEADER = auth("leader", "leader-1")


@pytest.fixture
def councils_settings(store_url: str) -> CouncilsSettings:
    return CouncilsSettings(database_url=store_url, common=CommonSettings())


@pytest.fixture
def client(councils_settings: CouncilsSettings) -> Iterator[TestClient]:
    with TestClient(create_app(councils_settings)) as c:
        yield c


@pytest.fixture
def electorate(client: TestClient) -> Callable[[str, list[str]], None]:
    """Put relatives on an open case at a tilbud, as the cases events would."""
    commands = client.app.state.commands  # type: ignore[attr-defined]
    counter = iter(range(10_000))

    def _seed(tilbud_id: str, relatives: list[str]) -> None:
        case_id = f"case-{next(counter)}"

        async def run() -> None:
            await commands.apply_case_fact(tilbud_id, case_id, 1, "opened", None)
            for version, relative in enumerate(relatives, start=2):
                await commands.apply_case_fact(
                    tilbud_id, case_id, version, "relative_added", relative
                )

        asyncio.run(run())

    return _seed


@pytest.fixture
def form_council(client: TestClient) -> Callable[..., str]:
    def _form(tilbud_id: str = "tilbud-1", relatives: int = 4, **overrides: Any) -> str:
        body = {
            "tilbud_id": tilbud_id,
            "kind": "relatives_council",
            "frame": FRAME,
            "seats": {"relatives": relatives, "citizens": 0, "staff": 1},
            "agreement": AGREEMENT,
            **overrides,
        }
        r = client.post("/councils", json=body, headers=ADMIN)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    return _form
