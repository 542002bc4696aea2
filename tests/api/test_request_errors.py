"""A request the API cannot read is a 422 ``invalid_request`` that says in words what is
wrong and where."""

from __future__ import annotations

from uuid import uuid4

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import auth

JSON = {"Content-Type": "application/json"}


def _post(client: TestClient, content: bytes | None) -> dict[str, object]:
    r = client.post(
        f"/cases/{uuid4()}/level-assessments", content=content, headers={**auth(), **JSON}
    )
    assert r.status_code == 422, r.text
    body: dict[str, object] = r.json()
    assert body["code"] == "invalid_request"
    return body


def test_a_body_that_is_not_utf8_is_an_invalid_request(cases: TestClient) -> None:
    body = _post(cases, b'{"level": "\xff\xfe"}')
    assert body["message"] == ("the request body is not valid UTF-8 (byte 0xff at position 11)")


def test_a_missing_body_is_named_as_such(cases: TestClient) -> None:
    assert _post(cases, None)["message"] == "the request body is missing"


def test_broken_json_says_where_it_breaks(cases: TestClient) -> None:
    body = _post(cases, b'{"level": 2,\n "justification": }')
    assert body["message"] == (
        "the request body is not valid JSON (line 2, column 19: Expecting value)"
    )


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            {"level": 9, "characteristics": [], "justification": "x"},
            "body.level: Input should be less than or equal to 4",
        ),
        ({"level": 2, "characteristics": []}, "body.justification: Field required"),
        ([1, 2], "body: Input should be a valid dictionary or object to extract fields from"),
    ],
)
def test_a_field_error_names_the_field(cases: TestClient, payload: object, message: str) -> None:
    r = cases.post(f"/cases/{uuid4()}/level-assessments", json=payload, headers=auth())
    assert r.status_code == 422 and r.json()["message"] == message


def test_a_query_or_path_error_names_where(readside: TestClient) -> None:
    r = readside.get("/cases", params={"limit": 0}, headers=auth())
    assert r.json()["message"] == "query.limit: Input should be greater than or equal to 1"
    r = readside.get("/cases/not-a-uuid", headers=auth())
    assert r.json()["message"].startswith("path.case_id: Input should be a valid UUID")
