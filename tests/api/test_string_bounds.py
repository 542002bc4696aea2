"""Every string a request body takes has a bound and refuses control characters (NUL
everywhere), and a time of something that happened lies after 1900: what the OpenAPI
declares (shared/http/fields.py) is what the services refuse, 422 ``invalid_request``
naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app as cases_api
from tests.api.conftest import auth

TWO_MB = "x" * 2_000_000
INCIDENT = {"kind": "threat", "occurred_at": "2026-01-05T10:00:00Z", "description": "ok"}


def _case(client: TestClient) -> str:
    body = {"cpr": "0707614285", "tilbud_id": "lyngen", "setting": "nursing_home"}
    r = client.post("/cases", json=body, headers=auth())
    assert r.status_code == 201, r.text
    return str(r.json()["case_id"])


def _refused(r: Any, field: str) -> None:
    assert r.status_code == 422, r.text[:300]
    body = r.json()
    assert body["code"] == "invalid_request"
    assert body["message"].startswith(f"body.{field}: "), body["message"]


@pytest.fixture
def cases(tmp_path: Path) -> Iterator[TestClient]:
    settings = CasesSettings(database_url=f"sqlite:///{tmp_path}/cases.sqlite")
    with TestClient(cases_api(settings)) as client:
        yield client


@pytest.fixture
def cases_pg(postgres_url: str) -> Iterator[TestClient]:
    with TestClient(cases_api(CasesSettings(database_url=postgres_url))) as client:
        yield client


@pytest.fixture
def councils(tmp_path: Path) -> Iterator[TestClient]:
    from services.councils.config import CouncilsSettings
    from services.councils.entrypoints.api import create_app

    settings = CouncilsSettings(database_url=f"sqlite:///{tmp_path}/councils.sqlite")
    with TestClient(create_app(settings)) as client:
        yield client


def test_an_incident_description_of_two_megabytes_is_refused(cases: TestClient) -> None:
    case_id = _case(cases)
    r = cases.post(
        f"/cases/{case_id}/incidents", json={**INCIDENT, "description": TWO_MB}, headers=auth()
    )
    _refused(r, "description")


def test_an_incident_description_of_twenty_thousand_characters_with_line_breaks_is_taken(
    cases: TestClient,
) -> None:
    case_id = _case(cases)
    text = ("Linje\tmed tab\r\n" * 2_000)[:20_000]
    r = cases.post(
        f"/cases/{case_id}/incidents", json={**INCIDENT, "description": text}, headers=auth()
    )
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("occurred_at", ["0001-01-01T00:00:00Z", "1899-12-31T23:59:59+00:00"])
def test_an_incident_before_1900_is_refused(cases: TestClient, occurred_at: str) -> None:
    case_id = _case(cases)
    body = {**INCIDENT, "occurred_at": occurred_at}
    r = cases.post(f"/cases/{case_id}/incidents", json=body, headers=auth())
    _refused(r, "occurred_at")


def test_a_nul_in_a_dialogue_summary_is_refused(cases: TestClient) -> None:
    case_id = _case(cases)
    note = {"kind": "phone", "summary": "ringede\u0000til datter"}
    r = cases.post(f"/cases/{case_id}/dialogue-notes", json=note, headers=auth())
    _refused(r, "summary")
    assert r.json()["message"] == (
        "body.summary: contains the control character U+0000 at position 7; "
        "only line breaks and tabs are allowed in a text"
    )
    assert "ringede" not in r.text  # the text is not echoed


@pytest.mark.postgres
def test_a_nul_in_a_dialogue_summary_is_refused_on_postgresql(cases_pg: TestClient) -> None:
    case_id = _case(cases_pg)
    note = {"kind": "phone", "summary": "ringede\u0000til datter"}
    r = cases_pg.post(f"/cases/{case_id}/dialogue-notes", json=note, headers=auth())
    _refused(r, "summary")
    ok = {"kind": "phone", "summary": "ringede til datter\nog aftalte besøg"}
    r = cases_pg.post(f"/cases/{case_id}/dialogue-notes", json=ok, headers=auth())
    assert r.status_code == 201, r.text


@pytest.mark.parametrize(
    "person_ref", ["p" * 100_000, "anna\u0004", "anna\u0000", "anna\nbo", "p" * 101]
)
def test_a_follow_group_person_ref_out_of_bounds_is_refused(
    councils: TestClient, person_ref: str
) -> None:
    leader = auth("leader", sub="leader-1")
    r = councils.post("/follow-group", json={"name": "Følgegruppen"}, headers=leader)
    assert r.status_code == 201, r.text
    member = {"person_ref": person_ref, "role": "relative"}
    _refused(councils.post("/follow-group/members", json=member, headers=leader), "person_ref")
    ok = {"person_ref": "p" * 100, "role": "relative"}
    r = councils.post("/follow-group/members", json=ok, headers=leader)
    assert r.status_code == 201, r.text


def _string_fields(schema: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """The string properties of a request body, with the ``anyOf`` of optionals resolved."""
    out: dict[str, dict[str, Any]] = {}
    for prop, spec in schema["components"]["schemas"][name].get("properties", {}).items():
        for option in spec.get("anyOf", [spec]):
            if option.get("type") == "string" and "enum" not in option and "format" not in option:
                out[prop] = option
    return out


@pytest.mark.parametrize("service", ["cases", "councils"])
def test_every_string_of_every_request_body_declares_a_bound_and_a_pattern(
    service: str, cases: TestClient, councils: TestClient
) -> None:
    client = cases if service == "cases" else councils
    schema = client.app.openapi()  # type: ignore[attr-defined]
    bodies = set()
    for path in schema["paths"].values():
        for op in path.values():
            ref = (
                op.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
                .get("$ref")
            )
            if ref:
                bodies.add(ref.rsplit("/", 1)[-1])
    unbounded = [
        f"{name}.{prop}"
        for name in sorted(bodies)
        for prop, spec in _string_fields(schema, name).items()
        if "maxLength" not in spec or "pattern" not in spec
    ]
    assert unbounded == []


def test_a_huge_code_is_refused_by_name_without_echoing_it(cases: TestClient) -> None:
    body = {"cpr": "0707614285", "tilbud_id": "lyngen", "setting": "x" * 100_000}
    r = cases.post("/cases", json=body, headers=auth())
    _refused(r, "setting")
    assert len(r.content) < 2_000


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("path", "param"),
    [("/cases", "tilbud_id"), ("/cases", "leader"), ("/councils", "tilbud_id")],
)
def test_a_nul_in_a_read_filter_on_postgresql_is_refused_by_name(
    postgres_url: str, path: str, param: str
) -> None:
    from services.readside.config import ReadsideSettings
    from services.readside.entrypoints.api import create_app
    from shared.config import CommonSettings

    settings = ReadsideSettings(
        database_url=postgres_url, councils_api_url="", common=CommonSettings()
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        r = client.get(path, params={param: "lyngen\u0000"}, headers=auth())
        assert r.status_code == 422, r.text
        assert r.json()["message"].startswith(f"query.{param}: ")
        r = client.get(path, params={param: "lyngen"}, headers=auth())
        assert r.status_code == 200, r.text
