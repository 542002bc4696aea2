"""Dependencies that read their request themselves (``shared.http.deps.declared_as``):
the OpenAPI shows what FastAPI shows for the same parameters declared, and the answers
to a bad token, a malformed id or If-Match are those FastAPI gives for declared ones."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import pytest
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.security import HTTPBearer
from fastapi.testclient import TestClient
from pydantic import BaseModel

from services.cases.entrypoints.api import create_app as cases_app
from services.councils.entrypoints.api import create_app as councils_app
from shared.auth import Principal, issue_token
from shared.config import CommonSettings
from shared.http.app import build_app
from shared.http.deps import IfMatch, declared_as, expected_version, if_match_version, path_uuid
from shared.http.security import Bearer, authorise, bearer_token, checks_roles

ROLES = ("caseworker",)


class Body(BaseModel):
    summary: str


# The dependency as it was written before: FastAPI solves the path id, the header and
# the bearer scheme under a role check.
async def _declared_check(request: Request, credentials: Bearer) -> Principal:
    token = None if credentials is None else credentials.credentials
    assert token == bearer_token(request)  # read as HTTPBearer reads it
    return authorise(request, ROLES)


checks_roles(_declared_check)


async def _declared(
    case_id: UUID,
    user: Annotated[Principal, Depends(_declared_check)],
    if_match: IfMatch = None,
) -> tuple[UUID, int | None, str]:
    return case_id, expected_version(if_match), user.sub


# The same, reading the request itself.
async def _declares(case_id: UUID, credentials: Bearer, if_match: IfMatch = None) -> None:
    """OpenAPI only."""


@declared_as(_declares)
async def _reading(request: Request) -> tuple[UUID, int | None, str]:
    user = authorise(request, ROLES)
    return await path_uuid(request, "case_id"), if_match_version(request), user.sub


checks_roles(_reading)
Declared = Annotated[tuple[UUID, int | None, str], Depends(_declared)]
Reading = Annotated[tuple[UUID, int | None, str], Depends(_reading)]
router = APIRouter()


@router.post("/declared/{case_id}/notes/{note_id}")
async def declared(note_id: str, body: Body, on: Declared) -> dict[str, Any]:
    return {"on": [str(on[0]), on[1], on[2]], "note": note_id}


@router.post("/reading/{case_id}/notes/{note_id}")
async def reading(note_id: str, body: Body, on: Reading) -> dict[str, Any]:
    return {"on": [str(on[0]), on[1], on[2]], "note": note_id}


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return build_app(title="t", common=CommonSettings(), routers=[router])


def _op(schema: dict[str, Any], kind: str) -> dict[str, Any]:
    op: dict[str, Any] = dict(schema["paths"][f"/{kind}/{{case_id}}/notes/{{note_id}}"]["post"])
    for key in ("operationId", "summary"):
        op.pop(key)
    op["responses"] = {k: v for k, v in op["responses"].items() if k != "200"}  # its title
    return op


def test_a_dependency_reading_its_request_is_declared_as_its_parameters(app: FastAPI) -> None:
    schema = app.openapi()
    assert _op(schema, "reading") == _op(schema, "declared")
    names = [(p["name"], p["in"]) for p in _op(schema, "reading")["parameters"]]
    assert names == [("note_id", "path"), ("case_id", "path"), ("if-match", "header")]
    assert _op(schema, "reading")["security"] == [{"HTTPBearer": []}]
    assert {"401", "403", "404", "409", "422"} <= set(_op(schema, "reading")["responses"])
    assert schema["components"]["securitySchemes"] == {
        "HTTPBearer": {"type": "http", "scheme": "bearer"}
    }


def _token(*roles: str) -> str:
    return issue_token(CommonSettings(), "anna", list(roles))


GOOD = f"Bearer {_token('caseworker')}"
CASE = "5f0c5f5e-0000-4000-8000-000000000001"
REQUESTS: list[tuple[str, dict[str, str], Any]] = [
    (CASE, {"Authorization": GOOD}, {"summary": "s"}),
    (CASE.replace("-", ""), {"Authorization": GOOD, "If-Match": 'W/"3"'}, {"summary": "s"}),
    (CASE, {"Authorization": GOOD, "If-Match": "*"}, {"summary": "s"}),
    (CASE, {}, {"summary": "s"}),
    (CASE, {"Authorization": "Basic abc"}, {"summary": "s"}),
    (CASE, {"Authorization": "Bearer"}, {"summary": "s"}),
    (CASE, {"Authorization": "Bearer   "}, {"summary": "s"}),
    (CASE, {"Authorization": GOOD.replace("Bearer", "bEaReR")}, {"summary": "s"}),
    (CASE, {"Authorization": "Bearer x.y.z"}, {"summary": "s"}),
    (CASE, {"Authorization": f"Bearer {_token('auditor')}"}, {"summary": "s"}),
    ("nope", {"Authorization": GOOD}, {"summary": "s"}),
    ("nope", {}, {"summary": "s"}),
    ("nope", {"Authorization": GOOD, "If-Match": "x"}, {"summary": "s"}),
    ("nope", {"Authorization": GOOD}, {"summary": 3}),
    ("nope", {"Authorization": GOOD}, None),
    ("nope", {"Authorization": GOOD}, [1]),
    (CASE, {"Authorization": GOOD, "If-Match": "x"}, {"summary": 3}),
    (CASE, {"Authorization": GOOD, "If-Match": ""}, {"summary": "s"}),
    (CASE, {"Authorization": GOOD}, {"summary": 3}),
    (CASE, {}, {"summary": 3}),
]


@pytest.mark.parametrize(("case_id", "headers", "body"), REQUESTS)
def test_the_answers_are_those_of_declared_parameters(
    app: FastAPI, case_id: str, headers: dict[str, str], body: Any
) -> None:
    with TestClient(app) as client:
        answers = [
            client.post(f"/{kind}/{case_id}/notes/n1", headers=headers, json=body)
            for kind in ("declared", "reading")
        ]
    assert [a.status_code for a in answers] == [answers[0].status_code] * 2
    assert answers[1].json() == answers[0].json()
    assert answers[1].headers.get("WWW-Authenticate") == answers[0].headers.get("WWW-Authenticate")


def test_bearer_token_is_read_as_httpbearer_reads_it() -> None:
    import asyncio

    bearer = HTTPBearer(auto_error=False)
    for value in [None, "", "Bearer", "Bearer ", "Bearer  t ", "bearer t", "Basic t", " t", "t"]:
        headers = [] if value is None else [(b"authorization", value.encode())]
        request = Request({"type": "http", "headers": headers})
        credentials = asyncio.run(bearer(request))
        expected = None if credentials is None else credentials.credentials
        assert bearer_token(request) == expected, value


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("declared")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PKRAFT_CASES_DATABASE_URL", f"sqlite:///{tmp}/cases.sqlite")
        env.setenv("PKRAFT_COUNCILS_DATABASE_URL", f"sqlite:///{tmp}/councils.sqlite")
        return {"cases": cases_app().openapi(), "councils": councils_app().openapi()}


@pytest.mark.parametrize(
    ("service", "path"),
    [
        ("cases", "/cases/{case_id}/dialogue-notes"),
        ("cases", "/cases/{case_id}/legal-hold"),
        ("councils", "/councils/{council_id}/members/{member_id}/resign"),
    ],
)
def test_command_routes_declare_id_if_match_and_bearer(
    schemas: dict[str, dict[str, Any]], service: str, path: str
) -> None:
    op = schemas[service]["paths"][path]["post"]
    params = {(p["name"], p["in"]): p for p in op["parameters"]}
    id_name = path.split("{")[1].split("}")[0]
    assert params[id_name, "path"]["schema"]["format"] == "uuid"
    assert params["if-match", "header"]["required"] is False
    assert op["security"] == [{"HTTPBearer": []}]
    assert {"401", "403", "404", "409", "422"} <= set(op["responses"])


def test_fastapi_solves_nothing_but_the_request_for_such_a_dependency(app: FastAPI) -> None:
    route = next(r for r in app.routes if getattr(r, "path", "").startswith("/reading/"))
    (on,) = (d for d in route.dependant.dependencies if d.call is _reading)  # type: ignore[attr-defined]
    assert (on.dependencies, on.path_params, on.header_params) == ([], [], [])
    assert on.request_param_name == "request"
