"""Integers and booleans in a request body are JSON numbers and booleans, on every endpoint
of every API: ``"level": "3"`` or ``true`` is refused (422 ``invalid_request`` naming the
field) as ``"capacity": "5"`` was, and no survey round starts on ``"year": "2026"``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel

from services.cases.domain.catalogue import load_catalogue
from shared.http.body import RequestBody, lax_fields
from tests.api.conftest import EVENING, answered, auth, new_case

LEVEL = {"level": 3, "characteristics": [], "justification": "x"}


@pytest.mark.parametrize("level", ["3", 3.0, True, "3.0"])
def test_a_level_that_is_not_a_json_integer_is_refused(cases: TestClient, level: Any) -> None:
    r = cases.post(
        f"/cases/{new_case(cases)}/level-assessments",
        json={**LEVEL, "level": level},
        headers=auth(),
    )
    errors = answered(r, 422, "invalid_request")["details"]["errors"]
    assert errors[0]["loc"] == ["body", "level"], errors


def test_a_survey_rounds_year_as_a_string_starts_nothing(communication: TestClient) -> None:
    body = {"tilbud_id": "egely", "year": "2026"}
    answered(communication.post("/survey-rounds", json=body, headers=auth()), 422,
             "invalid_request")  # fmt: skip
    assert communication.get("/survey-rounds", headers=auth()).json()["total"] == 0


def test_numbers_and_flags_as_strings_are_refused_on_every_api(
    cases: TestClient, councils: TestClient, communication: TestClient
) -> None:
    h = auth()
    move_in = {"held_at": "2025-01-01T10:00:00Z", "covered_items": [], "citizen_participated": 1}
    path = f"/cases/{new_case(cases)}/move-in-conversation/hold"
    answered(cases.post(path, json=move_in, headers=h), 422, "invalid_request")
    evening = {**EVENING, "capacity": "5"}
    answered(communication.post("/theme-evenings", json=evening, headers=h), 422,
             "invalid_request")  # fmt: skip
    answered(councils.post("/pools", json={"year": "2031"}, headers=h), 422, "invalid_request")
    pool = {"year": 2031, "amount": "100"}
    answered(councils.post("/pools", json=pool, headers=h), 422, "invalid_request")


def test_a_json_integer_is_still_a_level(cases: TestClient) -> None:
    seen = sorted(load_catalogue().characteristic_codes(1))[:1]
    body = {**LEVEL, "level": 1, "characteristics": seen}
    r = cases.post(f"/cases/{new_case(cases)}/level-assessments", json=body, headers=auth())
    assert r.status_code == 201, r.text


def test_the_openapi_still_says_integer_and_boolean(cases: TestClient) -> None:
    schemas = cases.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["LevelAssessment"]["properties"]["level"]["type"] == "integer"
    assert schemas["MoveInHold"]["properties"]["citizen_participated"]["type"] == "boolean"


def _bodies(app: FastAPI) -> list[tuple[str, type[BaseModel]]]:
    found = []
    for route in app.routes:
        field = getattr(route, "body_field", None) if isinstance(route, APIRoute) else None
        kind = getattr(getattr(field, "field_info", None), "annotation", None)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found.append((str(getattr(route, "path", "")), kind))
    return found


def test_every_body_of_every_api_is_strict(tmp_path: Path) -> None:
    from services.cases.config import CasesSettings
    from services.cases.entrypoints.api import create_app as cases_app
    from services.communication.config import CommunicationSettings
    from services.communication.entrypoints.api import create_app as communication_app
    from services.councils.config import CouncilsSettings
    from services.councils.entrypoints.api import create_app as councils_app

    apps = [
        cases_app(CasesSettings(database_url=f"sqlite:///{tmp_path}/a.sqlite")),
        councils_app(CouncilsSettings(database_url=f"sqlite:///{tmp_path}/b.sqlite")),
        communication_app(CommunicationSettings(database_url=f"sqlite:///{tmp_path}/c.sqlite")),
    ]
    bodies = [body for app in apps for body in _bodies(app)]
    assert len(bodies) > 40
    assert [(path, m.__name__) for path, m in bodies if lax_fields(m)] == []


def test_a_body_with_a_lax_integer_cannot_be_declared() -> None:
    with pytest.raises(TypeError, match="level must be declared StrictInt"):

        class Loose(RequestBody):
            level: int
