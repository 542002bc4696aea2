"""Each service's OpenAPI declares what the service answers, so a generated client works:
every error status in the one error shape, enums as enums, the real media types."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from services.cases.entrypoints.api import create_app as cases_app
from services.communication.entrypoints.api import create_app as communication_app
from services.councils.entrypoints.api import create_app as councils_app
from services.readside.entrypoints.api import create_app as readside_app

APPS: dict[str, Callable[[], FastAPI]] = {
    "cases": cases_app,
    "councils": councils_app,
    "communication": communication_app,
    "readside": readside_app,
}
ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    import os

    tmp = tmp_path_factory.mktemp("openapi")
    env = {
        "PKRAFT_CASES_DATABASE_URL": f"sqlite:///{tmp}/cases.sqlite",
        "PKRAFT_COUNCILS_DATABASE_URL": f"sqlite:///{tmp}/councils.sqlite",
        "PKRAFT_COMMUNICATION_DATABASE_URL": f"sqlite:///{tmp}/communication.sqlite",
        "PKRAFT_READSIDE_DATABASE_URL": f"sqlite:///{tmp}/readside.sqlite",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return {name: make().openapi() for name, make in APPS.items()}
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            if "operations" not in op.get("tags", []):
                yield path, method, op


@pytest.mark.parametrize("service", list(APPS))
def test_every_error_answer_is_declared_in_the_error_shape(
    schemas: dict[str, dict[str, Any]], service: str
) -> None:
    schema = schemas[service]
    assert "HTTPValidationError" not in json.dumps(schema)
    for path, method, op in _operations(schema):
        responses = op["responses"]
        where = f"{service} {method.upper()} {path}"
        for status, response in responses.items():
            if int(status) >= 400:
                assert response["content"]["application/json"]["schema"] == ERROR_BODY, where
        assert "500" in responses, where
        if op.get("security"):
            assert "401" in responses, where
        if "{" in path:
            assert "404" in responses, where
        if method in {"post", "put", "delete"}:
            assert {"409", "422"} <= set(responses), where


def _props(schema: dict[str, Any], model: str) -> dict[str, Any]:
    props: dict[str, Any] = schema["components"]["schemas"][model]["properties"]
    return props


def test_enumerated_fields_and_the_cpr_number_are_declared(
    schemas: dict[str, dict[str, Any]],
) -> None:
    cases = schemas["cases"]
    assert _props(cases, "CaseCreate")["setting"]["enum"] == [
        "nursing_home",
        "home_care",
        "residential_offer",
    ]
    assert _props(cases, "CaseCreate")["cpr"]["pattern"] == "^[0-9]{6}-?[0-9]{4}$"
    assert _props(cases, "ConsentChange")["scope"]["enum"] == [
        "share_information",
        "invite_to_meetings",
        "send_messages",
    ]
    assert _props(cases, "ConsentChange")["form"]["enum"] == ["oral", "written"]
    assert "violence" in _props(cases, "IncidentReport")["kind"]["enum"]
    assert "new" in _props(cases, "NetworkRelation")["kind"]["enum"]
    assert "phone" in _props(cases, "DialogueNote")["kind"]["enum"]
    councils = schemas["councils"]
    assert "citizen_council" in _props(councils, "CouncilCreate")["kind"]["enum"]
    assert _props(councils, "MeetingCreate")["kind"]["enum"] == [
        "council_meeting",
        "relatives_meeting",
    ]
    assert "finances" in _props(schemas["communication"], "ThemeEveningCreate")["topic"]["enum"]


def test_charts_and_the_export_declare_their_media_types(
    schemas: dict[str, dict[str, Any]],
) -> None:
    paths = schemas["readside"]["paths"]
    chart = paths["/dashboards/tilbud/{tilbud_id}/charts/{figure}.svg"]["get"]
    assert list(chart["responses"]["200"]["content"]) == ["image/svg+xml"]
    export = paths["/audit/cases/{case_id}/export"]["get"]
    assert set(export["responses"]["200"]["content"]) == {"application/x-ndjson", "text/csv"}
    assert "503" in paths["/cases/{case_id}"]["get"]["responses"]


@pytest.mark.parametrize("service", list(APPS))
def test_readiness_declares_its_503(schemas: dict[str, dict[str, Any]], service: str) -> None:
    responses = schemas[service]["paths"]["/readyz"]["get"]["responses"]
    ready = {"$ref": "#/components/schemas/Readiness"}
    assert responses["503"]["content"]["application/json"]["schema"] == ready


@pytest.mark.parametrize("service", ["cases", "councils", "communication"])
def test_a_404_on_an_empty_store_is_declared(tmp_path: Any, service: str) -> None:
    """Routes without an id in the path can still answer 404 (a singleton not made yet,
    such as the follow group): asked on an empty store, each such answer is declared."""
    from fastapi.testclient import TestClient

    from services.cases.config import CasesSettings
    from services.communication.config import CommunicationSettings
    from services.councils.config import CouncilsSettings
    from tests.api.conftest import auth

    url = f"sqlite:///{tmp_path}/{service}.sqlite"
    settings = {"cases": CasesSettings, "councils": CouncilsSettings}.get(
        service, CommunicationSettings
    )(database_url=url)
    app = APPS[service](settings)  # type: ignore[call-arg]
    undeclared = []
    with TestClient(app) as client:
        paths = app.openapi()["paths"]
        for path, methods in paths.items():
            op = methods.get("get")
            if op is None or "{" in path or "operations" in op.get("tags", []):
                continue
            required = [p for p in op.get("parameters", []) if p.get("required")]
            if required:
                continue
            r = client.get(path, headers=auth())
            if r.status_code == 404 and "404" not in op["responses"]:
                undeclared.append(f"GET {path}: {r.json()['code']}")
    assert not undeclared, f"{service} answers an undeclared 404: {undeclared}"
